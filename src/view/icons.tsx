/** Small inline icons (no icon font, no glyphs a projector's system font may lack). */
import type { ReactNode } from 'react';

function Svg({ children }: { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 20 20"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
      fill="currentColor"
    >
      {children}
    </svg>
  );
}

export const IconRestart = () => (
  <Svg>
    <rect x="3" y="4" width="2.6" height="12" rx="1" />
    <path d="M17 4.5v11a.8.8 0 0 1-1.2.7L7.5 10.7a.8.8 0 0 1 0-1.4l8.3-5.5a.8.8 0 0 1 1.2.7z" />
  </Svg>
);
export const IconBack = () => (
  <Svg>
    <path d="M14 4.5v11a.8.8 0 0 1-1.2.7L4.5 10.7a.8.8 0 0 1 0-1.4l8.3-5.5a.8.8 0 0 1 1.2.7z" />
  </Svg>
);
export const IconForward = () => (
  <Svg>
    <path d="M6 4.5v11a.8.8 0 0 0 1.2.7l8.3-5.5a.8.8 0 0 0 0-1.4L7.2 3.8A.8.8 0 0 0 6 4.5z" />
  </Svg>
);
export const IconPlay = IconForward;
export const IconPause = () => (
  <Svg>
    <rect x="5" y="4" width="3.4" height="12" rx="1" />
    <rect x="11.6" y="4" width="3.4" height="12" rx="1" />
  </Svg>
);
export const IconUndo = () => (
  <Svg>
    <path d="M8 4 3 8.5 8 13V10c4 0 6.5 1 8 4.5-.5-5-3.2-8-8-8.3z" />
  </Svg>
);
export const IconRedo = () => (
  <Svg>
    <path d="M12 4l5 4.5-5 4.5V10c-4 0-6.5 1-8 4.5.5-5 3.2-8 8-8.3z" />
  </Svg>
);
export const IconMoon = () => (
  <Svg>
    <path d="M15.5 12.8A6.8 6.8 0 0 1 7.2 4.5 6.8 6.8 0 1 0 15.5 12.8z" />
  </Svg>
);
export const IconSun = () => (
  <Svg>
    <circle cx="10" cy="10" r="3.6" />
    <g stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
      <path d="M10 1.8v2.4M10 15.8v2.4M1.8 10h2.4M15.8 10h2.4M4.2 4.2l1.7 1.7M14.1 14.1l1.7 1.7M4.2 15.8l1.7-1.7M14.1 5.9l1.7-1.7" />
    </g>
  </Svg>
);
export const IconFit = () => (
  <Svg>
    <g stroke="currentColor" strokeWidth="2" fill="none" strokeLinecap="round">
      <path d="M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4" />
    </g>
  </Svg>
);
export const IconPlus = () => (
  <Svg>
    <path d="M9 3h2v6h6v2h-6v6H9v-6H3V9h6z" />
  </Svg>
);
export const IconMinus = () => (
  <Svg>
    <path d="M3 9h14v2H3z" />
  </Svg>
);
