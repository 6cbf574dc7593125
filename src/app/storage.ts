/**
 * Web storage without surprises: it may be missing or refuse access (private windows, disabled
 * storage) and it throws when full. Every call here returns a value instead.
 *
 * `storage` is localStorage (shared by the site's tabs, kept across visits); `tabStorage` is
 * sessionStorage (this tab only, kept across reloads), so a reload restores this tab's own work
 * even when another tab saved since.
 */
type Kind = 'localStorage' | 'sessionStorage';

function area(kind: Kind): Storage | null {
  try {
    return typeof window !== 'undefined' ? window[kind] : null;
  } catch {
    return null;
  }
}

function make(kind: Kind) {
  return {
    get(key: string): string | null {
      try {
        return area(kind)?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    /** Returns false when the text could not be stored (no storage, or it is full). */
    set(key: string, value: string): boolean {
      try {
        const a = area(kind);
        if (!a) return false;
        a.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    },
    remove(key: string): void {
      try {
        area(kind)?.removeItem(key);
      } catch {
        // nothing to do
      }
    },
  };
}

export const storage = make('localStorage');
export const tabStorage = make('sessionStorage');
