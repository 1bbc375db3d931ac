/**
 * The Lua scripts of the Redis bus. Each runs atomically, so a lease is only ever extended or
 * deleted by its holder and a stored state only ever replaced by a newer one.
 */

// Take the lease when free, extend it when ours: 1 = held, 0 = another replica holds it.
// Taking a missing lease back also covers a Redis restart that lost every key.
export const CLAIM_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

// Delete the lease only when ours, and tell the others so one takes it over at once.
export const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], '{"type":"released"}')
  return 1
end
return 0`;

// Store a state unless a newer one is stored (two pollers may race), then publish it if asked.
export const STORE_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'v')
if current and current > ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'j', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if ARGV[4] ~= '' then redis.call('PUBLISH', ARGV[4], ARGV[2]) end
return 1`;
