/** Public API of the recommendation engine, used by the CLI, the manifest and the renderer. */
export type { Recommendation, RankedCandidate } from './recommend.js';
export { recommend } from './recommend.js';
export { formatRecommendationTable } from './table.js';
export { renderAdr } from './adr.js';
export type { RecheckResult } from './recheck.js';
export { recheck } from './recheck.js';
export { profileOneLine, describeProfile } from './profile-text.js';
export { CRITERIA, SUB_CRITERIA } from './criteria.js';
export { recommendationStanding, type Standing } from './standing.js';
export { applyPolicy, policyOf, recommendUnder, type FrameworkPolicy } from './policy.js';
