using LiveOrders.Tests.Support;
using LiveOrders.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Data;

/// <summary>
/// The check that the migrations build exactly the schema the model describes: table by table, column by column,
/// index by index. Kept beside the snapshot check (MigrationTests) since the first four migrations were written
/// by hand and a generated one can still be edited by hand (docs/decisions/002).
/// </summary>
[Trait("Database", TestProvider.SqliteOnly)] // reads SQLite's schema; PostgreSQL's is checked by its snapshot (MigrationTests)
public sealed class SchemaTests
{
    [Fact]
    public async Task TheMigratedSchema_EqualsTheSchemaOfTheModel()
    {
        var migrated = await SchemaOfAsync(db => DatabaseSetup.MigrateAsync(db));
        var fromModel = await SchemaOfAsync(db => db.Database.EnsureCreatedAsync());

        Assert.Equal(fromModel.Keys.Order(), migrated.Keys.Order());
        foreach (var table in fromModel.Keys)
            Assert.Equal(fromModel[table], migrated[table]);
    }

    private static async Task<Dictionary<string, List<string>>> SchemaOfAsync(Func<LiveOrdersDbContext, Task> create)
    {
        var path = Path.Combine(Path.GetTempPath(), $"liveorders-schema-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<LiveOrdersDbContext>().UseLiveOrdersDatabase($"Data Source={path};Pooling=False").Options;
            await using (var db = new LiveOrdersDbContext(options))
                await create(db);

            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            var tables = await ReadAsync(connection,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')");
            var schema = new Dictionary<string, List<string>>();
            foreach (var table in tables)
            {
                var facts = new List<string>();
                facts.AddRange((await ReadAsync(connection, $"SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk || ' default=' || ifnull(dflt_value, '') FROM pragma_table_info('{table}')")).Order().Select(c => "column " + c)); // by name: ALTER TABLE appends
                facts.AddRange((await ReadAsync(connection, $"SELECT \"table\" || '(' || \"to\" || ') from ' || \"from\" || ' on delete ' || on_delete FROM pragma_foreign_key_list('{table}')")).Order().Select(f => "fk " + f));
                foreach (var index in (await ReadAsync(connection, $"SELECT name || ' unique=' || \"unique\" FROM pragma_index_list('{table}')")).Order())
                {
                    var name = index.Split(' ')[0];
                    var columns = await ReadAsync(connection, $"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno");
                    facts.Add($"index {index} ({string.Join(", ", columns)})");
                }
                schema[table] = facts;
            }
            return schema;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    private static async Task<List<string>> ReadAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
