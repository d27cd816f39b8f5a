/**
 * The validator: one pure function over a board snapshot, used live by the client, by the
 * server's report endpoint and by the CLI. The rules are specified, with ids, in
 * docs/validator-rules.md; the finding and score types are in ./types.ts.
 */

export { cardChain } from './chain.ts';
export {
  CARD_RULES,
  type CardRuleId,
  isRuleId,
  LINK_RULES,
  type LinkRuleId,
  RULE_OUTPUT_ORDER,
  RULES,
  type RuleId,
  type RuleInfo,
} from './rules.ts';
export { alignmentScore } from './score.ts';
export { BoardValidator, validateBoard } from './validator.ts';
