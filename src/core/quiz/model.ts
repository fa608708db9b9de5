import type { Domain } from '../tasks/model.js';
import { readValidatedYaml, TaskFileError, type SchemaValidator } from '../yaml-file.js';

export interface QuizChoice {
  readonly text: string;
  readonly correct: boolean;
}

export interface QuizQuestion {
  readonly id: string;
  readonly domain: Domain;
  readonly topics: readonly string[];
  readonly question: string;
  readonly choices: readonly QuizChoice[];
  readonly explanation: string;
  readonly docs: string;
}

interface RawQuizFile {
  domain: Domain;
  questions: Array<{ id: string; topics: string[]; question: string; choices: Array<{ text: string; correct?: boolean }>; explanation: string; docs: string }>;
}

/** Parses one quiz file (tasks/quiz/<domain>.yaml): schema, exactly one right answer per question. */
export function parseQuizFile(text: string, file: string, expectedDomain: string, validate: SchemaValidator): QuizQuestion[] {
  const { data, at, problems } = readValidatedYaml(text, file, validate);
  const raw = data as RawQuizFile;
  if (raw.domain !== expectedDomain) at(['domain'], `domain '${raw.domain}' must match the file name '${expectedDomain}.yaml'`);
  raw.questions.forEach((q, index) => {
    const right = q.choices.filter((c) => c.correct === true).length;
    if (right !== 1) at(['questions', index, 'choices'], `question '${q.id}' needs exactly one correct choice, has ${right}`);
  });
  if (problems.length > 0) throw new TaskFileError(problems);
  return raw.questions.map((q) => ({
    id: q.id,
    domain: raw.domain,
    topics: q.topics,
    question: q.question.trim(),
    choices: q.choices.map((c) => ({ text: c.text.trim(), correct: c.correct === true })),
    explanation: q.explanation.trim(),
    docs: q.docs,
  }));
}
