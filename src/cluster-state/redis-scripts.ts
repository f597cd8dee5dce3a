import { LuaScript } from '../redis/lua-script.js';

/** KEYS: lock. ARGV: owner, ttl ms. Extends the lock only for its owner. */
export const RENEW_LOCK = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`);

/** KEYS: lock. ARGV: owner. Deletes the lock only for its owner. */
export const RELEASE_LOCK = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`);

/**
 * Writes a batch to one snapshot atomically and announces it.
 * KEYS: data hash (id -> JSON), stamp hash (id -> ms the data was read), meta hash, lock.
 * ARGV: owner, kind, channel, fenced ('1': only the lock owner may write), confirmAt ('' or ms),
 * write id, nUp, nRm, nMeta, then nUp triples (id, json, stamp), nRm pairs (id, notAfter),
 * nMeta pairs (field, value).
 * An upsert wins only when its data is at least as new as the stored data; a removal only
 * when the stored data is older than notAfter. Returns {version, changed ids, removed ids}.
 */
export const APPLY_BATCH = new LuaScript(`
if ARGV[4] == '1' and redis.call('GET', KEYS[4]) ~= ARGV[1] then
  return redis.error_reply('NOTLEADER not the cluster-state leader')
end
local nUp, nRm, nMeta = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local i = 10
local up, rm = {}, {}
for _ = 1, nUp do
  local id, json, stamp = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  i = i + 3
  local held = tonumber(redis.call('HGET', KEYS[2], id))
  if held == nil or held <= stamp then
    if redis.call('HGET', KEYS[1], id) ~= json then
      redis.call('HSET', KEYS[1], id, json)
      up[#up + 1] = id
    end
    redis.call('HSET', KEYS[2], id, stamp)
  end
end
for _ = 1, nRm do
  local id, notAfter = ARGV[i], tonumber(ARGV[i + 1])
  i = i + 2
  local held = tonumber(redis.call('HGET', KEYS[2], id))
  if held ~= nil and held < notAfter then
    redis.call('HDEL', KEYS[1], id)
    redis.call('HDEL', KEYS[2], id)
    rm[#rm + 1] = id
  end
end
for _ = 1, nMeta do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  i = i + 2
end
local version
if #up + #rm > 0 then
  version = redis.call('HINCRBY', KEYS[3], 'version', 1)
else
  version = tonumber(redis.call('HGET', KEYS[3], 'version') or '0')
end
local at = nil
if ARGV[5] ~= '' then
  at = tonumber(ARGV[5])
  local field = ARGV[2] .. ':at'
  if at > tonumber(redis.call('HGET', KEYS[3], field) or '0') then
    redis.call('HSET', KEYS[3], field, ARGV[5])
  end
end
if #up + #rm > 0 or at ~= nil then
  redis.call('PUBLISH', ARGV[3], cjson.encode({
    v = version, k = ARGV[2], up = up, rm = rm, at = at, src = ARGV[1], w = ARGV[6]
  }))
end
return {version, up, rm}`);
