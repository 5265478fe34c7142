-- first page
select "i".*, "c"."pseudonym" as "claimed_by_name", date_trunc('milliseconds', i.created_at) as "created_ms" from "moderation_items" as "i" left join "accounts" as "c" on "c"."id" = "i"."claimed_by" where "i"."status" in ($1, $2) order by "i"."crisis" desc, "i"."weight" desc, date_trunc('milliseconds', i.created_at), "i"."id" limit $3;

-- a later page
select "i".*, "c"."pseudonym" as "claimed_by_name", date_trunc('milliseconds', i.created_at) as "created_ms" from "moderation_items" as "i" left join "accounts" as "c" on "c"."id" = "i"."claimed_by" where "i"."status" in ($1, $2) and ("i"."crisis" = $3 or ("i"."crisis" = $4 and "i"."weight" < $5) or ("i"."crisis" = $6 and "i"."weight" = $7 and date_trunc('milliseconds', i.created_at) > $8) or ("i"."crisis" = $9 and "i"."weight" = $10 and date_trunc('milliseconds', i.created_at) = $11 and "i"."id" > $12)) order by "i"."crisis" desc, "i"."weight" desc, date_trunc('milliseconds', i.created_at), "i"."id" limit $13;
