import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Builds the app in `root` with `npm run build` (the build and the lab page's policy written after
 * it) unless a production build is there already. `tool` names the caller in its log line.
 */
export async function ensureProductionBuild(root: string, tool: string): Promise<void> {
  if (existsSync(path.join(root, '.next/BUILD_ID'))) return;
  console.log(`${tool}: building (npm run build)…`);
  await new Promise<void>((resolve, reject) => {
    spawn('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run build exited with ${code}`)),
    );
  });
}
