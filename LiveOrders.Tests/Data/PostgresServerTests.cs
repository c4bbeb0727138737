using LiveOrders.Tests.Support;
using Npgsql;

namespace LiveOrders.Tests.Data;

/// <summary>The tests' own PostgreSQL: started from Debian's package, it serves databases of their own.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task TheSharedServer_MakesAFreshDatabase_ThatSpeaksUtf8Russian()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT lower('ПОРУЧЕНИЕ Ёлка'), current_setting('server_encoding')", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("поручение ёлка", reader.GetString(0));
            Assert.Equal("UTF8", reader.GetString(1));
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }
}
