using System.Net;
using System.Text.Json;
using LiveOrders.Core.Cluster;
using LiveOrders.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LiveOrders.Tests.Web;

/// <summary>
/// <c>/health</c>: anonymous JSON with the database, this node's job leases and the live feed; 503 when the database
/// does not answer, and never a connection string, a path or an error text.
/// </summary>
[Trait("Database", TestProvider.SqliteOnly)] // a single SQLite node: always-held leases, the in-process feed, a file to remove
public sealed class HealthTests : IDisposable
{
    // The jobs that run here; the mail outbox, switched off in these settings, ends by itself and gives its lease up.
    private static readonly string[] Jobs = ["DeadlineWatcher", "RecurringOrderIssuer", "WebhookSender"];
    private readonly LiveOrdersApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(HttpStatusCode Status, JsonElement Body, string Text)> HealthAsync()
    {
        using var response = await _app.Anonymous().GetAsync("/health");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    private static bool? Held(JsonElement health, string job) =>
        health.GetProperty("entries").GetProperty("leases").GetProperty("data").TryGetProperty(job, out var lease) ? lease.GetProperty("held").GetBoolean() : null;

    [Fact]
    public async Task Health_OnSqlite_Answers200_WithTheDatabase_EveryJobHeldByThisNode_AndTheInProcessFeed()
    {
        // The jobs start with the host, each on its own thread: wait until they hold their (always held) lease.
        var (status, body, _) = await HealthAsync();
        // The mail sender, off in tests, ends at once and gives its lease up: wait for that too.
        for (var tries = 0; !(Jobs.All(j => Held(body, j) == true) && Held(body, "OutboxSender") == false); tries++)
        {
            Assert.True(tries < 600, body.ToString());
            await Task.Delay(50);
            (status, body, _) = await HealthAsync();
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var entries = body.GetProperty("entries");
        Assert.Equal("Healthy", entries.GetProperty("database").GetProperty("status").GetString());
        var leases = entries.GetProperty("leases");
        Assert.Equal("Healthy", leases.GetProperty("status").GetString());
        foreach (var job in Jobs)
            Assert.Equal("none", leases.GetProperty("data").GetProperty(job).GetProperty("connection").GetString());
        Assert.True(leases.GetProperty("data").TryGetProperty("OutboxSender", out _));
        Assert.Contains("DeadlineWatcher", leases.GetProperty("description").GetString());
        // Mail is off in tests: the description says why its sender's lease is not held.
        Assert.EndsWith("Отправка писем выключена (Mail:Enabled), её задание не запускается.", leases.GetProperty("description").GetString());
        var feed = entries.GetProperty("feed");
        Assert.Equal("Healthy", feed.GetProperty("status").GetString());
        Assert.Equal("in-process", feed.GetProperty("data").GetProperty("transport").GetString());
        // On SQLite the lease is the single node's: the app's lock is the always-held one.
        Assert.IsType<SingleNodeLock>(_app.Services.GetService(typeof(IClusterLock)));
    }

    [Fact]
    public async Task Health_WhenTheDatabaseDoesNotAnswer_Answers503_AndRevealsNoPathNorError()
    {
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync()).Status);
        // The file is gone and cannot be made again: a folder stands in its place.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_app.DatabasePath + suffix);
        Directory.CreateDirectory(_app.DatabasePath);
        try
        {
            var (status, body, text) = await HealthAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", body.GetProperty("entries").GetProperty("database").GetProperty("status").GetString());
            Assert.Equal("База данных не отвечает.", body.GetProperty("entries").GetProperty("database").GetProperty("description").GetString());
            Assert.DoesNotContain(Path.GetFileName(_app.DatabasePath), text);
            Assert.DoesNotContain("Data Source", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SQLite Error", text, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Directory.Delete(_app.DatabasePath);
        }
    }
}
