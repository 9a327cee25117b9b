/** `yixian classifier train|eval|cv`: train the suggestion models from closed issues, or evaluate the classifier on CSV files. */
import { migrateToLatest } from '../../db/migrate.ts';
import { runCrossValidation, runEval } from '../../nlp/index.ts';
import { tenantsByCode } from '../org/index.ts';
import { optionText as str, type ModuleCommand } from '../types.ts';
import { trainSuggestionModels } from './suggest.ts';

export const classifierCommand: ModuleCommand = {
  name: 'classifier',
  help: [
    'classifier train [--tenant CODE] 用已办结问题训练类别与承办单位推荐模型',
    'classifier eval --train A.csv --test B.csv',
    '                               评估分类器（CSV 列 id,title,body,label），最后一行 macro-F1',
    'classifier cv --file A.csv [--folds 5]',
    '                               分层交叉验证',
  ],
  options: { train: { type: 'string' }, test: { type: 'string' }, file: { type: 'string' }, folds: { type: 'string' }, tenant: { type: 'string' } },
  run: async ({ db, args, values }) => {
    const [sub] = args;
    const train = str(values.train), test = str(values.test), file = str(values.file);
    if (sub === 'eval') {
      if (!train || !test) throw new Error('classifier eval 需要 --train A.csv 和 --test B.csv');
      console.log(runEval({ trainPath: train, testPath: test }).text);
      return;
    }
    if (sub === 'cv') {
      if (!file) throw new Error('classifier cv 需要 --file A.csv');
      console.log(runCrossValidation({ path: file, folds: Number(str(values.folds) ?? 5) }).text);
      return;
    }
    if (sub !== 'train') throw new Error(`未知子命令 classifier ${sub ?? ''}（可用：train、eval、cv）`);
    await migrateToLatest(db);
    for (const t of await tenantsByCode(db, str(values.tenant))) {
      for (const r of await trainSuggestionModels(db, t.id, new Date().toISOString())) {
        const what = r.kind === 'category' ? '类别' : '承办单位';
        console.log(r.modelId
          ? `${t.code} ${what}推荐模型：${r.examples} 件、${r.classes} 类，训练 ${(r.ms / 1000).toFixed(1)} 秒，${(r.bytes / 1024).toFixed(0)} KB`
          : `${t.code} ${what}推荐模型：已办结问题不足（${r.examples} 件、${r.classes} 类），未训练`);
      }
    }
  },
};
