import type { FrameworkId } from '../../profile/ids.js';
import { djangoTarget } from './django.js';
import { expressTarget } from './express.js';
import { fastapiTarget } from './fastapi.js';
import { fastifyTarget } from './fastify.js';
import { goTarget } from './go.js';
import { honoTarget } from './hono.js';
import { nestjsTarget } from './nestjs.js';
import { springBootTarget } from './spring-boot.js';
import type { TargetDefinition } from './types.js';

/** Every target this CLI can scaffold, in catalog order. Adding one: a file here plus a template folder. */
export const targets: readonly TargetDefinition[] = [
  fastifyTarget,
  nestjsTarget,
  expressTarget,
  honoTarget,
  goTarget,
  djangoTarget,
  fastapiTarget,
  springBootTarget,
];

export const scaffoldableIds: ReadonlySet<FrameworkId> = new Set(targets.map((t) => t.id));

export function findTarget(id: FrameworkId): TargetDefinition | undefined {
  return targets.find((t) => t.id === id);
}
