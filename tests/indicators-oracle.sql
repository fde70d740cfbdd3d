-- indicators-oracle.sql — every indicator as plain SQL over the extract database
--
-- The independent oracle of the indicator engine (tests/test-indicators-sql.c)
-- and its peer in the benchmark (tests/bench/bench-indicators.c): the rules of
-- app/core/wm-indicators.md written as directly as SQL allows, for one year
-- and one boundary layer at a time. It shares no code with the engine: it
-- compares ISO date strings where the engine compares year offsets, and
-- counts with GROUP BY where the engine counts in one pass.
--
-- Parameters: :year, :layer (area_layer.id), :snap = ':year-12-31' (the
-- snapshot), :jan1 = ':year-01-01'.
-- Blocks: "-- @step NAME" runs for its effect (temporary tables);
-- "-- @indicator ID" returns rows (area_id, num, den), one per area with a
-- non-zero denominator; area_id NULL = outside every area of the layer.
--
-- SPDX-License-Identifier: EUPL-1.2

-- @step residents
-- Everyone resident and alive on 31 December, with what the indicators ask;
-- comm: a member of a convivenza (family.communal), a resident but in no
-- family and no dwelling.
DROP TABLE IF EXISTS temp.snap;
CREATE TEMP TABLE snap AS
SELECT r.person_id AS pid, r.family_id AS fid, r.dwelling_id AS did, r.relation AS rel,
       (SELECT f.communal FROM family f WHERE f.id = r.family_id) AS comm,
       :year - p.birth_year AS age, p.education AS edu, p.citizenship AS cit,
       (SELECT da.area_id FROM dwelling_area da
         WHERE da.layer_id = :layer AND da.dwelling_id = r.dwelling_id) AS area,
       (SELECT c.condition FROM person_condition c
         WHERE c.person_id = r.person_id AND c.from_year <= :year AND c.to_year >= :year
         ORDER BY c.from_year DESC LIMIT 1) AS cond,
       EXISTS (SELECT 1 FROM care_need n
                WHERE n.person_id = r.person_id AND n.start_date <= :snap
                  AND (n.end_date IS NULL OR n.end_date > :snap)) AS care
  FROM residence r JOIN person p ON p.id = r.person_id
 WHERE r.start_date <= :snap AND (r.end_date IS NULL OR r.end_date > :snap)
   AND (p.death_date IS NULL OR p.death_date > :snap);
CREATE INDEX temp.snap_family ON snap (fid, rel, pid);
CREATE INDEX temp.snap_person ON snap (pid);

-- @step episodes
-- Service episodes that touch the calendar year; home care = the codes
-- A2.07 and A2.08 (the engine's default list).
DROP TABLE IF EXISTS temp.pep;
CREATE TEMP TABLE pep AS
SELECT DISTINCT person_id AS pid, user_area AS ua, service_code IN ('A2.07', 'A2.08') AS home
  FROM service_episode
 WHERE person_id IS NOT NULL AND start_date <= :snap AND (end_date IS NULL OR end_date > :jan1);
CREATE INDEX temp.pep_person ON pep (pid, ua);
DROP TABLE IF EXISTS temp.fep;
CREATE TEMP TABLE fep AS
SELECT DISTINCT family_id AS fid, user_area AS ua
  FROM service_episode
 WHERE family_id IS NOT NULL AND start_date <= :snap AND (end_date IS NULL OR end_date > :jan1);
CREATE INDEX temp.fep_family ON fep (fid, ua);

-- @step families
-- Families with at least one resident member, convivenze left out; the
-- head is the member with the lowest (relation, person id), the reference
-- person the lowest-id member with relation 1.
DROP TABLE IF EXISTS temp.fam;
CREATE TEMP TABLE fam AS
SELECT s.fid,
       COUNT(*) AS size,
       (SELECT h.area FROM snap h WHERE h.fid = s.fid ORDER BY h.rel, h.pid LIMIT 1) AS area,
       (SELECT h.age FROM snap h WHERE h.fid = s.fid AND h.rel = 1 ORDER BY h.pid LIMIT 1) AS ref_age,
       SUM(s.rel = 2) AS partners,
       SUM(s.rel = 3) AS children,
       SUM(s.age >= 65) AS n65,
       SUM(s.age >= 80) AS n80,
       SUM(s.age BETWEEN 0 AND 17) AS minors,
       SUM(s.cond IN (1, 4)) AS earners,
       SUM(s.age >= 15 AND COALESCE(s.cond, 0) = 0) AS unknown15,
       (SELECT fy.isee FROM family_year fy WHERE fy.family_id = s.fid AND fy.year = :year) AS isee,
       EXISTS (SELECT 1 FROM fep WHERE fep.fid = s.fid AND fep.ua = 'FAM')
         OR MAX(EXISTS (SELECT 1 FROM pep WHERE pep.pid = s.pid AND pep.ua = 'FAM')) AS fam_user,
       EXISTS (SELECT 1 FROM fep WHERE fep.fid = s.fid AND fep.ua = 'POV')
         OR MAX(EXISTS (SELECT 1 FROM pep WHERE pep.pid = s.pid AND pep.ua = 'POV')) AS pov_user
  FROM snap s
 WHERE NOT s.comm
 GROUP BY s.fid;

-- @indicator ivsm_low_education
SELECT area, COUNT(*) FILTER (WHERE edu IN (1, 2)), COUNT(*)
  FROM snap WHERE age BETWEEN 25 AND 64 AND edu <> 0 GROUP BY area;

-- @indicator ivsm_large_families
SELECT area, COUNT(*) FILTER (WHERE size >= 6), COUNT(*) FROM fam GROUP BY area;

-- @indicator ivsm_single_parent
SELECT area, COUNT(*) FILTER (WHERE ref_age < 65 AND partners = 0 AND children > 0), COUNT(*)
  FROM fam GROUP BY area;

-- @indicator ivsm_care_hardship
SELECT area, COUNT(*) FILTER (WHERE n65 = size AND n80 > 0), COUNT(*) FROM fam GROUP BY area;

-- @indicator ivsm_overcrowding
SELECT o.area,
       COALESCE(SUM(o.occ) FILTER (WHERE (d.surface_m2 < 40 AND o.occ > 4)
                                      OR (d.surface_m2 >= 40 AND d.surface_m2 < 60 AND o.occ > 5)
                                      OR (d.surface_m2 >= 60 AND d.surface_m2 < 80 AND o.occ > 6)), 0),
       SUM(o.occ)
  FROM (SELECT did, area, COUNT(*) AS occ FROM snap WHERE NOT comm GROUP BY did) o
  JOIN dwelling d ON d.id = o.did
 WHERE d.surface_m2 > 0
 GROUP BY o.area;

-- @indicator ivsm_neet
SELECT area, COUNT(*) FILTER (WHERE cond NOT IN (1, 3)), COUNT(*)
  FROM snap WHERE age BETWEEN 15 AND 29 AND cond IS NOT NULL AND cond <> 0 GROUP BY area;

-- @indicator ivsm_economic_hardship
SELECT area, COUNT(*) FILTER (WHERE children > 0 AND ref_age < 65 AND earners = 0 AND unknown15 = 0),
       COUNT(*)
  FROM fam GROUP BY area;

-- @indicator isee_low_families
SELECT f.area, COUNT(*) FILTER (WHERE f.isee < t.threshold), COUNT(*)
  FROM fam f JOIN isee_threshold t ON t.year = :year GROUP BY f.area;

-- @indicator isee_low_minors
-- (every resident minor; one in a convivenza is in no low-ISEE family)
SELECT s.area, COUNT(*) FILTER (WHERE f.isee < t.threshold), COUNT(*)
  FROM snap s LEFT JOIN fam f ON f.fid = s.fid JOIN isee_threshold t ON t.year = :year
 WHERE s.age BETWEEN 0 AND 17 GROUP BY s.area;

-- @indicator elderly_alone_65
-- (every resident 65+; one in a convivenza does not live alone)
SELECT s.area, COUNT(*) FILTER (WHERE f.size = 1), COUNT(*)
  FROM snap s LEFT JOIN fam f ON f.fid = s.fid WHERE s.age >= 65 GROUP BY s.area;

-- @indicator elderly_alone_80
SELECT s.area, COUNT(*) FILTER (WHERE f.size = 1), COUNT(*)
  FROM snap s LEFT JOIN fam f ON f.fid = s.fid WHERE s.age >= 80 GROUP BY s.area;

-- @indicator old_age_dependency
SELECT area, COUNT(*) FILTER (WHERE age >= 65), COUNT(*) FILTER (WHERE age BETWEEN 15 AND 64)
  FROM snap GROUP BY area;

-- @indicator care_coverage
SELECT area, COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM pep WHERE pep.pid = snap.pid AND pep.home)),
       COUNT(*)
  FROM snap WHERE care GROUP BY area;

-- @indicator foreign_residents
SELECT area, COUNT(*) FILTER (WHERE cit IN (2, 3)), COUNT(*) FROM snap WHERE cit <> 0 GROUP BY area;

-- @indicator takeup_fam
SELECT area, COUNT(*) FILTER (WHERE fam_user), COUNT(*) FROM fam WHERE minors > 0 GROUP BY area;

-- @indicator takeup_dis
SELECT area, COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM pep WHERE pep.pid = snap.pid AND pep.ua = 'DIS')),
       COUNT(*)
  FROM snap WHERE care AND age < 65 GROUP BY area;

-- @indicator takeup_add
SELECT area, COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM pep WHERE pep.pid = snap.pid AND pep.ua = 'ADD')),
       COUNT(*)
  FROM snap WHERE age BETWEEN 15 AND 64 GROUP BY area;

-- @indicator takeup_eld
SELECT area, COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM pep WHERE pep.pid = snap.pid AND pep.ua = 'ELD')),
       COUNT(*)
  FROM snap WHERE age >= 65 GROUP BY area;

-- @indicator takeup_immnom
SELECT area, COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM pep WHERE pep.pid = snap.pid AND pep.ua = 'IMMNOM')),
       COUNT(*)
  FROM snap WHERE cit IN (2, 3) GROUP BY area;

-- @indicator takeup_pov
SELECT f.area, COUNT(*) FILTER (WHERE f.pov_user), COUNT(*)
  FROM fam f JOIN isee_threshold t ON t.year = :year WHERE f.isee < t.threshold GROUP BY f.area;

-- @indicator takeup_mulben
SELECT area, COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM pep WHERE pep.pid = snap.pid AND pep.ua = 'MULBEN')),
       COUNT(*)
  FROM snap GROUP BY area;
