import { createContext, useContext } from 'react';
import type { User } from '@railjoint/contracts';

/** The signed-in user, for parts deep in a room (the map's layers) that show only what the user may read. */
export const SignedInUser = createContext<User | null>(null);

export function useSignedInUser(): User | null {
  return useContext(SignedInUser);
}
