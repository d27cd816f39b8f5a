/** The fire triangle mark: four bands, apex up (no emoji font needed). */
export function Logo({ size = 18 }: { size?: number }) {
  return (
    <svg
      className="ft-logo"
      width={size}
      height={size}
      viewBox="0 0 40 40"
      aria-hidden="true"
      style={{ verticalAlign: '-3px' }}
    >
      <path d="M20 2 L24.5 11 L15.5 11 Z" fill="#e4572e" />
      <path d="M15 12 L25 12 L29.5 21 L10.5 21 Z" fill="#f3a712" />
      <path d="M10 22 L30 22 L34.5 31 L5.5 31 Z" fill="#29335c" />
      <path d="M5 32 L35 32 L39 40 L1 40 Z" fill="#669bbc" />
    </svg>
  );
}
