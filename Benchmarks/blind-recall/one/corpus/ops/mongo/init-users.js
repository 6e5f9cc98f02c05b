// Runs once on first start of the mongo container (docker-entrypoint-initdb.d)
db = db.getSiblingDB("events");

db.createUser({
  user: "events_writer",
  pwd: "Pylon26!quartz44",
  roles: [{ role: "readWrite", db: "events" }],
});

db.createUser({
  user: "events_reader",
  pwd: passwordPrompt(),
  roles: [{ role: "read", db: "events" }],
});

db.events.createIndex({ tenant: 1, ts: -1 });
db.events.createIndex({ ts: 1 }, { expireAfterSeconds: 60 * 60 * 24 * 90 });
