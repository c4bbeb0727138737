using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core;
using LiveOrders.Core.Data;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// No lost updates through the API (issue 11): two corrections sent together with the same <c>version</c> get one 200 and
/// one 409, and the order's history holds exactly the winners' corrections. The use-case version is <c>LostUpdateTests</c>.
/// </summary>
public sealed class ApiLostUpdateTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task TwoHundredPairsOfCorrectionsWithTheSameVersion_OneIs200AndTheOther409_AndTheHistoryHasNoGapsOrDoubles()
    {
        await using var factory = new LiveOrdersApp();
        // 400 writes and a few reads from one person: above the per-caller limit, which has its own tests.
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:Api:PermitLimit", "100000"));
        var author = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await LiveOrdersApp.PostLoginAsync(author, "arch.head", "Demo2026!")).StatusCode);

        var list = await author.GetFromJsonAsync<JsonElement>("/api/v1/orders?scope=All&take=200", Json);
        var housing = list.GetProperty("items").EnumerateArray().First(o => o.GetProperty("executingDepartment").GetString() == "ЖКХ")
            .GetProperty("executingDepartmentId").GetInt32();
        var created = await author.PostAsJsonAsync("/api/v1/orders", new
        {
            title = "Проверить ограждение набережной", departmentIds = new[] { housing }, dueAt = DateTimeOffset.UtcNow.AddDays(4),
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json))[0].GetProperty("id").GetInt32();
        var start = (await author.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Json)).GetProperty("version").GetInt32();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>();
        long lastEvent;
        await using (var db = await dbFactory.CreateDbContextAsync())
            lastEvent = await db.OrderEvents.Where(e => e.OrderId == id).MaxAsync(e => e.Id);

        var pairs = new List<ConflictingPairs.Pair>();
        var version = start;
        for (var i = 1; i <= 200; i++)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var expected = version;
            Task<(Failure Failure, int? Version)> Side(char side) => Task.Run(async () =>
            {
                await gate.Task;
                using var response = await author.PostAsJsonAsync($"/api/v1/orders/{id}/corrections",
                    new { version = expected, title = ConflictingPairs.TitleOf(i, side), text = "", priority = "Normal" });
                return response.StatusCode switch
                {
                    HttpStatusCode.OK => (Failure.None, (int?)(await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("version").GetInt32()),
                    HttpStatusCode.Conflict => (Failure.Conflict, null),
                    _ => (Failure.Invalid, null),
                };
            });
            var a = Side('А');
            var b = Side('Б');
            gate.SetResult();
            var (ra, rb) = (await a, await b);
            var pair = new ConflictingPairs.Pair(i, expected, ra.Failure, rb.Failure, ra.Version ?? rb.Version);
            pairs.Add(pair);
            if (pair.Winner is null) break;
            version = pair.NewVersion!.Value;
        }

        var final = (await author.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Json)).GetProperty("version").GetInt32();
        var history = await ConflictingPairs.HistoryAsync(dbFactory, id, lastEvent);
        Assert.Empty(ConflictingPairs.Check(pairs, start, final, history));
        Assert.Equal(200, pairs.Count);
        Assert.Equal(200, history.Count);
    }
}
