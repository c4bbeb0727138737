using LiveOrders.Core.Data;
using Npgsql;

namespace LiveOrders.Tests.Support;

/// <summary>
/// The database engine the tests run on: SQLite unless <c>LIVEORDERS_TEST_PROVIDER=PostgreSQL</c> (test.sh's second pass).
/// On PostgreSQL each test database is a copy of one migrated template on the run's shared server
/// (<see cref="PostgresServer.SharedAsync"/>): <c>CREATE DATABASE … TEMPLATE</c> takes a few milliseconds where migrating
/// takes a second.
/// </summary>
public static class TestProvider
{
    public const string Variable = "LIVEORDERS_TEST_PROVIDER";

    /// <summary>The trait of tests about SQLite itself (write gate, busy timeout, online backup, WAL, old SQLite files): not run on PostgreSQL.</summary>
    public const string SqliteOnly = "SqliteOnly";

    public static DatabaseProvider Current { get; } =
        Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant() is "postgresql" or "postgres"
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;

    public static bool IsPostgreSql => Current == DatabaseProvider.PostgreSql;

    /// <summary><c>Database:Provider</c> as the app reads it.</summary>
    public static string SettingValue => IsPostgreSql ? "PostgreSQL" : "Sqlite";

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    /// <summary>
    /// A new PostgreSQL database: migrated as in production (a copy of the template) or, with <paramref name="empty"/>,
    /// as on a first start. Drop it with <see cref="DropPostgreSqlAsync"/>.
    /// </summary>
    public static async Task<string> CreatePostgreSqlAsync(bool empty = false)
    {
        var server = await PostgresServer.SharedAsync();
        if (empty) return await server.CreateDatabaseAsync();
        var template = await TemplateAsync(server);
        var name = $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return server.ConnectionStringFor(name);
    }

    public static async Task DropPostgreSqlAsync(string connectionString) =>
        await (await PostgresServer.SharedAsync()).DropDatabaseAsync(connectionString);

    private static async Task<string> TemplateAsync(PostgresServer server)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            const string name = "liveorders_template";
            var connectionString = await server.CreateDatabaseAsync(name);
            var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<LiveOrdersDbContext>()
                .UseLiveOrdersDatabase(DatabaseProvider.PostgreSql, connectionString + ";Pooling=false").Options;
            await using (var db = new LiveOrdersDbContext(options))
                await DatabaseSetup.MigrateAsync(db);
            // A template must have no session open while it is copied.
            NpgsqlConnection.ClearAllPools();
            return _template = name;
        }
        finally { TemplateGate.Release(); }
    }
}
