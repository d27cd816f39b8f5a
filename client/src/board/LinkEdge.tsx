import {
  BaseEdge,
  EdgeLabelRenderer,
  type EdgeProps,
  getBezierPath,
  Handle,
  type NodeProps,
  Position,
} from '@xyflow/react';
import { memo } from 'react';
import {
  type GhostFlowNode,
  HANDLE_DOWN,
  HANDLE_UP,
  type LinkFlowEdge,
} from '../sync/useBoardNodes.ts';
import { useBoardContext, useLinkDecoration } from './BoardContext.ts';

/**
 * A link: `from` (below) serves `to` (above). Broken links — an error finding, or an end that
 * no longer exists — are drawn red and dashed, with the reason on hover and in a label.
 */
export const LinkEdge = memo(function LinkEdge(props: EdgeProps<LinkFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const { t, boardLanguage } = useBoardContext();
  const decoration = useLinkDecoration(id);
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
  const dangling = props.data?.dangling ?? false;
  const broken = dangling || decoration.worst === 'error';
  const warned = !broken && decoration.worst === 'warning';
  const reasons = decoration.findings.map((finding) => finding.message[boardLanguage]).join('\n');
  const classes = [
    'ft-link',
    broken ? 'ft-link--broken' : '',
    warned ? 'ft-link--warning' : '',
    decoration.chain ? 'ft-link--chain' : '',
    props.selected ? 'ft-link--selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <g className={classes} data-link-id={id}>
        {reasons ? <title>{reasons}</title> : null}
        <BaseEdge id={id} path={path} markerEnd={props.markerEnd} interactionWidth={16} />
      </g>
      {broken || warned ? (
        <EdgeLabelRenderer>
          <div
            className={`ft-link__label ft-link__label--${broken ? 'error' : 'warning'} nodrag nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={reasons || t('link.broken')}
            role="img"
            aria-label={`${t('link.broken')}: ${reasons}`}
            data-link-id={id}
          >
            !
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

/** The missing end of a link whose card was deleted while someone linked to it. */
export const GhostNode = memo(function GhostNode(_props: NodeProps<GhostFlowNode>) {
  const { t } = useBoardContext();
  return (
    <div className="ft-ghost" title={t('link.broken')}>
      <Handle
        type="source"
        position={Position.Top}
        id={HANDLE_UP}
        isConnectable={false}
        aria-hidden="true"
      />
      ?
      <Handle
        type="source"
        position={Position.Bottom}
        id={HANDLE_DOWN}
        isConnectable={false}
        aria-hidden="true"
      />
    </div>
  );
});
