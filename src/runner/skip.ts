/** Log lines starting with this mark carry the reason a scenario was skipped. */
export const SKIP_PREFIX = 'skipped: ';
