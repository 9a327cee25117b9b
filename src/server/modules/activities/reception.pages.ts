/**
 * The public schedule of reception days (`/reception/{tenant}`, issue 17): the leaders receiving petitioners in the
 * next 60 days — when, where, who, open to all or by appointment — as a plain page residents can open on a phone
 * (the portal will link it). Only what a resident needs: no ids, no internal notes, and the venue only of sessions open
 * to all (one by appointment may be at a petitioner's home: its unit is shown).
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import { RECEPTION_MODE_NAMES, type ReceptionMode } from '../../../shared/enums.ts';
import { fmtShanghai } from './activity-time.ts';
import * as repo from './activities.repo.ts';
import { esc, messagePage, page, publicFormGuards } from './public-page.ts';

const DAYS = 60;

export const receptionPages: FastifyPluginAsync<{ config: Config }> = async (app0) => {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  await publicFormGuards(app, 'reception schedule');

  app.get('/reception/:tenant', {
    schema: { hide: true, params: Type.Object({ tenant: Type.String({ minLength: 1, maxLength: 64 }) }), response: { 200: Type.String({ description: 'text/html' }) } },
    config: { rateLimit: { max: 120, timeWindow: 60_000 } },
  }, async (req, reply) => {
    const now = new Date();
    const s = await repo.receptionSchedule(app.db, req.params.tenant, now.toISOString(), new Date(now.getTime() + DAYS * 86_400_000).toISOString());
    if (!s) return messagePage(reply, 404, '链接无效', '没有找到这个地方的接访安排，请核对链接。');
    const items = s.rows.map((r) => {
      const mode = r.receptionMode ? RECEPTION_MODE_NAMES[r.receptionMode as ReceptionMode].zh : '';
      return `<li class="box" style="text-align:left;list-style:none"><h2 style="font-size:17px">${esc(fmtShanghai(r.startsAt))} – ${esc(fmtShanghai(r.endsAt).slice(-5))}</h2>`
        // Only a session open to all names its venue; a 下访 by appointment may be at someone's home: its unit only.
        + `<p>${esc(r.receivers.join('、') || '值班领导')}　<span class="hint">${esc(mode)}</span></p>`
        + `<p>${esc(r.receptionMode === 'public' ? r.placeText ?? r.unitName : `${r.unitName}（预约后告知具体地点）`)}</p></li>`;
    }).join('');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page(`${s.tenant}领导接访安排`,
      `<header><h1>${esc(s.tenant)}领导接访安排</h1><p>未来 ${DAYS} 天的接访日和下访安排</p></header><main>`
      + (items ? `<ul style="padding:0;margin:0">${items}</ul>` : '<div class="box"><p>未来两个月暂无公开的接访安排。</p></div>')
      + '<p class="hint" style="margin-top:16px">预约接访请提前拨打信访局电话预约；也可以随时通过 12345 或网上信访反映问题。</p></main>'));
  });
};
