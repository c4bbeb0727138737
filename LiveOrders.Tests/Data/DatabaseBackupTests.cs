using LiveOrders.Core.Audit;
using LiveOrders.Core.Backups;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveOrders.Tests.Data;

/// <summary>SQLite online backups: consistent under concurrent writes, named in municipal time, kept to the newest N, audited, scheduled.</summary>
[Trait("Database", TestProvider.SqliteOnly)] // SQLite's online backup
public sealed class DatabaseBackupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"liveorders-backups-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private ServiceProvider Services(TestDatabase database, int keep = 14, string? daily = null) =>
        database.BuildServices(settings: new Dictionary<string, string?>
        {
            ["Backups:Directory"] = _folder,
            ["Backups:Keep"] = keep.ToString(),
            ["Backups:Daily"] = daily,
        });

    private static async Task<Actor> AdministratorAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var root = await db.Departments.SingleAsync(d => d.ParentId == null);
        var admin = new Employee { FullName = "Админов Адам", Position = "Администратор", DepartmentId = root.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        return new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []);
    }

    [Fact]
    public async Task ABackupTakenWhileWritersCommit_PassesIntegrityCheckAndHoldsAPrefixOfTheCommittedWrites()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);
        var backups = services.GetRequiredService<DatabaseBackups>();
        await using (var setup = new SqliteConnection(database.ConnectionString))
        {
            await setup.OpenAsync();
            await using var command = setup.CreateCommand();
            // A few megabytes, so that a copy takes long enough for commits to land while it runs.
            command.CommandText = """
                CREATE TABLE Probe (Seq INTEGER PRIMARY KEY, Writer INTEGER NOT NULL, N INTEGER NOT NULL);
                CREATE TABLE Ballast (Id INTEGER PRIMARY KEY, Data BLOB);
                WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 2000) INSERT INTO Ballast (Data) SELECT randomblob(4000) FROM r;
                """;
            await command.ExecuteNonQueryAsync();
        }

        const int writers = 4;
        var committed = new int[writers];
        using var stop = new CancellationTokenSource();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using (var pragma = connection.CreateCommand()) { pragma.CommandText = "PRAGMA busy_timeout = 30000;"; await pragma.ExecuteNonQueryAsync(); }
            while (!stop.IsCancellationRequested)
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO Probe (Writer, N) VALUES ($w, $n)";
                insert.Parameters.AddWithValue("$w", w);
                insert.Parameters.AddWithValue("$n", Volatile.Read(ref committed[w]) + 1);
                await insert.ExecuteNonQueryAsync();
                Interlocked.Increment(ref committed[w]);
            }
        })).ToArray();

        var copies = new List<(BackupFile File, int[] Before, int[] After)>();
        for (var round = 0; round < 3; round++)
        {
            var goal = committed.Sum() + 50;
            while (committed.Sum() < goal) await Task.Yield();
            var before = committed.ToArray();
            var result = await backups.TakeAsSystemAsync();
            Assert.True(result.Ok, result.Message);
            copies.Add((result.Value!, before, committed.ToArray()));
        }
        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        // The writers did not stop for the copies.
        Assert.Contains(copies, c => c.After.Sum() > c.Before.Sum());

        foreach (var (file, before, after) in copies)
        {
            Assert.Null(SqliteOnlineBackup.IntegrityProblem(file.FullPath));
            await using var copy = new SqliteConnection($"Data Source={file.FullPath};Mode=ReadOnly;Pooling=False");
            await copy.OpenAsync();
            await using var query = copy.CreateCommand();
            query.CommandText = "SELECT COUNT(*), COALESCE(MAX(Seq), 0) FROM Probe";
            await using (var reader = await query.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                // Commits are serialised, so a snapshot holds rows 1..m of the commit order with none missing.
                Assert.Equal(reader.GetInt64(1), reader.GetInt64(0));
            }
            for (var w = 0; w < writers; w++)
            {
                query.CommandText = $"SELECT COUNT(*), COALESCE(MAX(N), 0) FROM Probe WHERE Writer = {w}";
                await using var reader = await query.ExecuteReaderAsync();
                await reader.ReadAsync();
                var (count, max) = (reader.GetInt32(0), reader.GetInt32(1));
                Assert.Equal(max, count);                    // each writer's own writes: a prefix, no gaps
                Assert.InRange(count, before[w], after[w]);  // everything committed before the copy began, nothing not yet written
            }
        }
    }

    [Fact]
    public async Task Backups_AreNamedInMunicipalTime_KeptToTheNewestN_AndLeaveOtherFilesAlone()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database, keep: 2);
        var backups = services.GetRequiredService<DatabaseBackups>();
        var admin = await AdministratorAsync(database);
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "чужой файл");
        File.WriteAllText(Path.Combine(_folder, "liveorders-manual.db"), "чужой файл");

        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var result = await backups.TakeAsync(admin);
            Assert.True(result.Ok, result.Message);
            names.Add(result.Value!.Name);
            database.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        // 03:00 UTC on 2 March is 10:00 in Novokuznetsk (UTC+7).
        Assert.Equal(["liveorders-20260302-100000.db", "liveorders-20260302-100100.db", "liveorders-20260302-100200.db"], names);
        Assert.Equal([names[2], names[1]], backups.List(admin).Value!.Select(f => f.Name));
        Assert.True(File.Exists(Path.Combine(_folder, "notes.txt")));
        Assert.True(File.Exists(Path.Combine(_folder, "liveorders-manual.db")));
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.partial"));

        await using var db = database.CreateDbContext();
        var entries = await db.AuditEntries.Where(e => e.Action == "backup.created").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(names, entries.Select(e => e.EntityId));
        Assert.All(entries, e => Assert.Equal(AuditKind.Administration, e.Kind));
        Assert.All(entries, e => Assert.Equal(admin.EmployeeId, e.ActorId));
        Assert.Contains($"Удалены по сроку хранения: {names[0]}", entries[2].Changes);
    }

    [Fact]
    public async Task TwoBackupsWithinOneSecond_GetDistinctNames()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);
        var backups = services.GetRequiredService<DatabaseBackups>();

        var first = await backups.TakeAsSystemAsync();
        var second = await backups.TakeAsSystemAsync();

        Assert.Equal("liveorders-20260302-100000.db", first.Value!.Name);
        Assert.Equal("liveorders-20260302-100000-2.db", second.Value!.Name);
        Assert.Equal(2, DatabaseBackups.ListIn(_folder).Count);
    }

    [Theory]
    [InlineData("Controller")]
    [InlineData("RoadsHead")]
    public async Task AnyoneButAnAdministrator_IsRefusedABackup(string who)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);
        var backups = services.GetRequiredService<DatabaseBackups>();
        var actor = (Actor)typeof(TestDatabase).GetProperty(who)!.GetValue(database)!;

        var result = await backups.TakeAsync(actor);

        Assert.False(result.Ok);
        Assert.Contains("только администратор", result.Message);
        Assert.False(backups.List(actor).Ok);
        Assert.False(Directory.Exists(_folder) && Directory.EnumerateFiles(_folder).Any());
    }

    [Fact]
    public async Task TheDailyBackup_IsTakenAtTheLocalTimeOnTheDrivenClock()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database, daily: "23:30");
        var daily = services.GetServices<IHostedService>().OfType<DailyBackup>().Single();
        await daily.StartAsync(CancellationToken.None);
        try
        {
            // 10:00 local now; the service waits on the clock for 23:30.
            await WaitUntil(() => database.Clock.PendingTimers > 0);
            database.Clock.Advance(TimeSpan.FromHours(13) + TimeSpan.FromMinutes(29));
            Assert.Empty(DatabaseBackups.ListIn(_folder));

            database.Clock.Advance(TimeSpan.FromMinutes(1));
            await WaitUntil(() => DatabaseBackups.ListIn(_folder).Count == 1);
            Assert.Equal("liveorders-20260302-233000.db", DatabaseBackups.ListIn(_folder)[0].Name);

            // And the next day at the same time, not before.
            await WaitUntil(() => database.Clock.PendingTimers > 0);
            database.Clock.Advance(TimeSpan.FromHours(23));
            Assert.Single(DatabaseBackups.ListIn(_folder));
            database.Clock.Advance(TimeSpan.FromHours(1));
            await WaitUntil(() => DatabaseBackups.ListIn(_folder).Count == 2);
            Assert.Equal("liveorders-20260303-233000.db", DatabaseBackups.ListIn(_folder)[0].Name);
        }
        finally
        {
            await daily.StopAsync(CancellationToken.None);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var give = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            give.Token.ThrowIfCancellationRequested();
            await Task.Delay(10, CancellationToken.None);
        }
    }
}
