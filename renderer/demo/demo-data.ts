// The demo data's store access lives with the repositories (renderer/db/demo-repository.ts).
export {
  countDemoData,
  demoCountText,
  isDemoStandardId,
  removeDemoData,
  type DemoDataCounts,
  type DemoRemovalSummary,
} from '../db/demo-repository';
