import type { Texts } from '../../app/i18n/texts';

/** zh-CN is the reference; English must give the same keys (checked by the type). */
export const zhCN = {
  'signin.heading': '登录',
  'signin.intro': '铁路公安联防联控平台，请使用本单位分配的账号登录。',
  'signin.username': '用户名',
  'signin.password': '密码',
  'signin.submit': '登录',
  'signin.submitting': '正在登录…',
  'signin.expired': '登录已失效，请重新登录。',
  'signin.signedOut': '已退出登录。',
} as const satisfies Record<string, string>;

export const en: Texts<typeof zhCN> = {
  'signin.heading': 'Sign in',
  'signin.intro': 'Railway public-security joint prevention and control. Use the account your agency issued.',
  'signin.username': 'Username',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.submitting': 'Signing in…',
  'signin.expired': 'Your session has ended. Please sign in again.',
  'signin.signedOut': 'You have signed out.',
};
