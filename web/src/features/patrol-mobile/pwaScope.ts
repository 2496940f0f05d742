/** Where the installable patrol app lives: its service worker controls these pages and no others. */
export const PATROL_APP_SCOPE = '/mobile';
