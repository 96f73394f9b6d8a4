import { useEffect, useState } from 'react';
import { ADMIN_KEY_EVENT, adminKey } from './api';

/** The admin key the session holds ('' when none), following it as it is kept or forgotten anywhere in the app. */
export function useAdminKey(): string {
  const [key, setKey] = useState(adminKey.get);
  useEffect(() => {
    const changed = () => setKey(adminKey.get());
    window.addEventListener(ADMIN_KEY_EVENT, changed);
    return () => window.removeEventListener(ADMIN_KEY_EVENT, changed);
  }, []);
  return key;
}
