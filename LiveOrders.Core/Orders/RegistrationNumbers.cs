using LiveOrders.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Orders;

/// <summary>
/// Registration numbers П-YYYY/NNNN, unique per year. The counter is bumped by one atomic
/// upsert inside the caller's transaction, so two orders created at the same moment can never
/// draw the same number (and a rolled-back creation gives its number back). The same SQL on both providers: SQLite has one
/// writer at a time; PostgreSQL's upsert locks the year's row until the creating transaction ends, so a second creation
/// waits for the first and reads its number (the column is qualified: PostgreSQL finds a bare "Last" ambiguous beside
/// EXCLUDED's).
/// </summary>
public static class RegistrationNumbers
{
    public static string Format(int year, int sequence) => $"П-{year}/{sequence:D4}";

    internal static async Task<string> NextAsync(LiveOrdersDbContext db, int year, CancellationToken ct)
    {
        var next = await db.Database.SqlQuery<int>(
            $"""
            INSERT INTO "NumberSequences" ("Year", "Last") VALUES ({year}, 1)
            ON CONFLICT ("Year") DO UPDATE SET "Last" = "NumberSequences"."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(ct);
        return Format(year, next.Single());
    }
}
