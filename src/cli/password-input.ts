import fs from 'node:fs';
import password from '@inquirer/password';
import { CliError } from './errors.ts';

/** From --password-file (first line), or prompted twice on a terminal. */
export async function readNewPassword(passwordFile: string | undefined): Promise<string> {
  if (passwordFile) {
    let text: string;
    try {
      text = fs.readFileSync(passwordFile, 'utf8');
    } catch (error) {
      throw new CliError(
        `--password-file: cannot read ${passwordFile} (${(error as NodeJS.ErrnoException).code})`,
      );
    }
    const first = text.split(/\r?\n/)[0] ?? '';
    if (!first) throw new CliError(`--password-file: ${passwordFile} is empty`);
    return first;
  }
  if (!process.stdin.isTTY) {
    throw new CliError('no terminal to ask for a password: pass --password-file FILE');
  }
  const first = await password({ message: 'Password:', mask: '*' });
  const again = await password({ message: 'Password again:', mask: '*' });
  if (first !== again) throw new CliError('password: the two passwords do not match');
  return first;
}
