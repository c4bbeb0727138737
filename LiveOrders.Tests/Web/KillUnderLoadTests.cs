using LiveOrders.Core;
using LiveOrders.Core.Data;
using LiveOrders.Core.Integrations;
using LiveOrders.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveOrders.Tests.Web;

/// <summary>
/// Durability (issue 11), the short version of <c>bench/durability</c>: the real app process killed with SIGKILL while
/// API writes are in flight, twice, restarted on the same SQLite file. Every write that was answered 2xx is there, none
/// twice, and the file passes <c>PRAGMA integrity_check</c>.
/// </summary>
[Trait("Database", TestProvider.SqliteOnly)] // reads the SQLite file and its integrity_check after the kill
public sealed class KillUnderLoadTests
{
    [Fact]
    public async Task EveryWriteAnswered2xx_IsInTheDatabaseAfterAKillNineUnderLoad_AndTheFileIsSound()
    {
        await using var app = await AppProcess.StartAsync(new() { ["RateLimits__Api__PermitLimit"] = "100000000" });
        var connection = $"Data Source={app.DatabasePath};Pooling=False";
        await using var services = new ServiceCollection().AddLogging().AddLiveOrdersCore(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:LiveOrders"] = connection,
                ["Municipality:TimeZone"] = "Asia/Novokuznetsk",
            }).Build()).BuildServiceProvider();
        var dbFactory = services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>();
        var prepared = await DurabilitySetup.PrepareAsync(dbFactory, services.GetRequiredService<ApiKeys>());
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", prepared.ApiKey);
        var created = await client.PostAsJsonAsync("/api/v1/orders", new
        {
            title = "Поручение для комментариев", departmentIds = new[] { prepared.DepartmentId }, dueAt = DateTimeOffset.UtcNow.AddDays(30),
        });
        created.EnsureSuccessStatusCode();
        var orderId = (await created.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetInt32();
        var load = new ApiWriteLoad(client, prepared.DepartmentId, [orderId]);

        for (var round = 1; round <= 2; round++)
        {
            using var stop = new CancellationTokenSource();
            var before = load.Acknowledged;
            var running = load.RunAsync($"r{round}", 100, stop.Token);
            // Killed once writes are being answered (not after a fixed time): the kill then falls among writes in flight.
            await WaitUntilAsync(() => load.Acknowledged >= before + 30 || running.IsCompleted, app);
            await app.StopAsync(); // Process.Kill: SIGKILL, no shutdown
            stop.Cancel();
            var writes = await running;
            await app.StartAsync();

            var outcome = await ApiWriteLoad.CheckAsync(dbFactory, $"r{round}", writes);
            Assert.True(outcome.Acknowledged >= 30, outcome.ToString());
            Assert.True(outcome.Missing == 0, $"{outcome}: {string.Join(", ", outcome.MissingTexts.Take(10))}");
            Assert.Equal(0, outcome.Doubles);
            Assert.Equal("ok", await IntegrityCheckAsync(connection));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, AppProcess app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!condition())
        {
            if (timeout.IsCancellationRequested) throw new TimeoutException($"No writes answered within two minutes.\n{app.Output}");
            await Task.Delay(20);
        }
    }

    private static async Task<string> IntegrityCheckAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
