using LiveOrders.Core.Backups;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>
/// What differs between SQLite and PostgreSQL underneath and must not show: times, registration numbers, conflicts and
/// Cyrillic search. Each test runs on whichever provider the run is on (test.sh runs them on both: LIVEORDERS_TEST_PROVIDER).
/// </summary>
public sealed class ProviderParityTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ADueTime_ComesBackAsTheSameUtcInstant_AndCompares_WhateverKindTheQueryWasGiven()
    {
        var created = await _db.SendRoadsToHousingAsync();
        await using var db = _db.CreateDbContext();
        var due = await db.Orders.Where(o => o.Id == created.Id).Select(o => o.DueAt).SingleAsync();
        Assert.Equal(DateTimeKind.Utc, due.Kind);
        Assert.Equal(_db.Time.UtcNow.AddDays(3), due);

        // PostgreSQL's timestamptz takes only UTC DateTimes; the model's converter makes any kind one (as SQLite always did).
        var unspecified = DateTime.SpecifyKind(due, DateTimeKind.Unspecified);
        Assert.Equal([created.Id], await db.Orders.Where(o => o.DueAt == unspecified).Select(o => o.Id).ToListAsync());
        Assert.Equal([created.Id], await db.Orders.Where(o => o.DueAt <= due.AddSeconds(1) && o.DueAt > due.AddSeconds(-1)).Select(o => o.Id).ToListAsync());
    }

    [Fact]
    public async Task TwentyOrdersCreatedAtOnce_GetTwentyDistinctNumbers_WithoutGaps()
    {
        // On SQLite one writer at a time draws them; on PostgreSQL the creations run side by side and the year's row lock
        // orders them.
        var created = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => _db.SendRoadsToHousingAsync($"Поручение {i}")));
        var year = _db.Time.LocalNow.Year;
        Assert.Equal(Enumerable.Range(1, 20).Select(n => RegistrationNumbers.Format(year, n)).ToList(),
            created.Select(c => c.Number).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task AStaleSave_IsAConflict_AndTheFirstWriteStands()
    {
        var created = await _db.SendRoadsToHousingAsync();
        await using var first = _db.CreateDbContext();
        await using var second = _db.CreateDbContext();
        var a = await first.Orders.SingleAsync(o => o.Id == created.Id);
        var b = await second.Orders.SingleAsync(o => o.Id == created.Id);
        first.Entry(a).Property(o => o.Version).CurrentValue = a.Version + 1;
        await first.SaveChangesAsync();
        second.Entry(b).Property(o => o.Version).CurrentValue = b.Version + 1;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal(a.Version, await _db.VersionOfAsync(created.Id));
    }

    [Theory]
    [InlineData("жкх")]
    [InlineData("ЖКХ")]
    [InlineData("Жкх")]
    public async Task TheOrderSearch_FindsCyrillicWhateverTheCase(string search)
    {
        var housing = await _db.SendRoadsToHousingAsync("Проверка ЖКХ по кварталу");
        await _db.SendRoadsToHousingAsync("Другое поручение");
        Assert.Equal([housing.Id], await FindAsync(search));
    }

    [Theory]
    [InlineData("Ёлка")]
    [InlineData("ёлка")]
    [InlineData("ЁЛКА")]
    public async Task TheOrderSearch_FindsЁ_InEitherCase(string search)
    {
        var tree = await _db.SendRoadsToHousingAsync("Установить ёлку на площади");
        var other = await _db.SendRoadsToHousingAsync("Ёлка у школы");
        Assert.Equal([other.Id], await FindAsync(search));
        Assert.Equal([tree.Id, other.Id], (await FindAsync(search[..^1])).Order());
    }

    private async Task<List<int>> FindAsync(string search) =>
        (await _db.Queries.ListAsync(_db.Deputy, new OrderFilter(OrderScope.All, Search: search))).Items.Select(i => i.Id).ToList();

    [Fact]
    public async Task OnPostgreSql_NoBackupIsTaken_AndThePageAndCommandSayPgDump()
    {
        // Explicitly PostgreSQL, on every run: the backup refuses with the pg_dump/pg_restore text instead of failing.
        var connectionString = await TestProvider.CreatePostgreSqlAsync();
        try
        {
            var options = new DbContextOptionsBuilder<LiveOrdersDbContext>().UseLiveOrdersDatabase(DatabaseProvider.PostgreSql, connectionString).Options;
            await using var services = _db.BuildServices(s => s.AddSingleton<IDbContextFactory<LiveOrdersDbContext>>(new Factory(options)));
            var backups = services.GetRequiredService<DatabaseBackups>();
            Assert.False(await backups.SupportedAsync());
            var result = await backups.TakeAsSystemAsync(Path.Combine(Path.GetTempPath(), $"liveorders-pg-backup-{Guid.NewGuid():N}"));
            Assert.False(result.Ok);
            Assert.Equal(DatabaseBackups.OtherProviderMessage, result.Message);
            Assert.Contains("pg_dump", result.Message);
        }
        finally
        {
            await TestProvider.DropPostgreSqlAsync(connectionString);
        }
    }

    [Fact]
    public async Task OnPostgreSql_FourNodesStartingTogether_AllMigrate_AndTheAuditLogStaysAppendOnly()
    {
        // Explicitly PostgreSQL: nodes of a cluster start on one database at once; each runs MigrateAsync (the migrations
        // under EF's own lock, the audit triggers under an advisory lock of their own).
        var connectionString = await TestProvider.CreatePostgreSqlAsync(empty: true);
        try
        {
            var options = new DbContextOptionsBuilder<LiveOrdersDbContext>().UseLiveOrdersDatabase(DatabaseProvider.PostgreSql, connectionString).Options;
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                await using var db = new LiveOrdersDbContext(options);
                await DatabaseSetup.MigrateAsync(db);
            })));
            await using var check = new LiveOrdersDbContext(options);
            Assert.Empty(await check.Database.GetPendingMigrationsAsync());
            check.AuditEntries.Add(LiveOrders.Core.Audit.AuditEntry.Create(DateTime.UtcNow, null, "Система", "test", "Test", "1", "Запись", null));
            await check.SaveChangesAsync();
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => check.AuditEntries.ExecuteDeleteAsync());
            Assert.Contains(LiveOrders.Core.Audit.AuditTrail.Refusal, refused.Message);
        }
        finally
        {
            await TestProvider.DropPostgreSqlAsync(connectionString);
        }
    }

    private sealed class Factory(DbContextOptions<LiveOrdersDbContext> options) : IDbContextFactory<LiveOrdersDbContext>
    {
        public LiveOrdersDbContext CreateDbContext() => new(options);
    }
}
