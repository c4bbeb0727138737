using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core.Data;
using LiveOrders.Core.Delays;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// Through the whole app: an overdue order's report needs a delay reason (ProblemDetails in Russian), an API GET of an
/// order holding personal data is recorded, and the log of openings is for control and administrators only.
/// </summary>
public sealed class DelayAndReadAuditApiTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>An order Архитектура → ЖКХ, sent by arch.head through the API; the id and its version.</summary>
    private async Task<(int Id, int Version)> CreateAsync(bool personalData)
    {
        var author = await app.SignedInAsync("arch.head");
        var housing = (await author.GetFromJsonAsync<JsonElement>("/api/v1/departments", Json)).EnumerateArray()
            .First(d => d.GetProperty("shortName").GetString() == "ЖКХ").GetProperty("id").GetInt32();
        var created = await author.PostAsJsonAsync("/api/v1/orders", new
        {
            title = "Рассмотреть обращение жителя", text = "Сидоров С. С., кв. 12", departmentIds = new[] { housing },
            dueAt = DateTimeOffset.UtcNow.AddDays(4), containsPersonalData = personalData,
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json))[0].GetProperty("id").GetInt32();
        return (id, await VersionAsync(id));
    }

    private async Task<int> VersionAsync(int id)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
        return await db.Orders.Where(o => o.Id == id).Select(o => o.Version).SingleAsync();
    }

    private async Task<List<OrderRead>> ReadsAsync(int id)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync();
        return await db.OrderReads.Where(r => r.OrderId == id).ToListAsync();
    }

    [Fact]
    public async Task AnOverdueSubmitWithoutAReason_Is400InRussian_AndWithOne_GoesThroughAndIsRecorded()
    {
        var (id, version) = await CreateAsync(personalData: false);
        var head = await app.SignedInAsync("zkh.head");
        var accepted = await head.PostAsJsonAsync($"/api/v1/orders/{id}/transitions", new { action = "Accept", version });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        version = (await accepted.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("version").GetInt32();
        // The due time passes (the app runs on the real clock).
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync())
            await db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.DueAt, DateTime.UtcNow.AddHours(-2)));

        var empty = await head.PostAsJsonAsync($"/api/v1/orders/{id}/transitions", new { action = "Submit", version });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("application/problem+json", empty.Content.Headers.ContentType?.MediaType);
        var problem = await empty.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(OrderDelay.ReasonMissing, problem.GetProperty("detail").GetString());
        Assert.Equal("delayReasonId", problem.GetProperty("field").GetString());

        var noWords = await head.PostAsJsonAsync($"/api/v1/orders/{id}/transitions", new { action = "Submit", version, delayReasonId = 3 });
        Assert.Equal(OrderDelay.TextMissing, (await noWords.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("detail").GetString());
        Assert.Equal(version, await VersionAsync(id));

        var reasons = await head.GetFromJsonAsync<JsonElement>("/api/v1/delay-reasons", Json);
        var agreement = reasons.EnumerateArray().First(r => r.GetProperty("name").GetString() == "Требуется согласование").GetProperty("id").GetInt32();
        var submitted = await head.PostAsJsonAsync($"/api/v1/orders/{id}/transitions",
            new { action = "Submit", version, delayReasonId = agreement, reason = "Ждали согласования с архитектурой" });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var history = (await head.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Json)).GetProperty("history").EnumerateArray().ToList();
        Assert.Contains(history, e => e.GetProperty("kind").GetString() == "Submitted" && e.GetProperty("delayReason").GetString() == "Требуется согласование");
    }

    [Fact]
    public async Task AnApiGetOfAnOrderWithPersonalData_WritesOneReadRecord_AndOfAnOrdinaryOne_None()
    {
        var (personal, _) = await CreateAsync(personalData: true);
        var (plain, _) = await CreateAsync(personalData: false);
        var executor = await app.SignedInAsync("zkh.head");
        var actor = await app.ActorAsync("zkh.head");

        var details = await executor.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{personal}", Json);
        await executor.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{plain}", Json);

        Assert.True(details.GetProperty("containsPersonalData").GetBoolean());
        var read = Assert.Single(await ReadsAsync(personal));
        Assert.Equal((actor.EmployeeId, ReadChannel.Api), (read.ReaderId, read.Channel));
        Assert.Empty(await ReadsAsync(plain));
    }

    [Fact]
    public async Task TheReadLog_IsRefusedToAnOrdinaryExecutor_AndShownToControl_OnTheApiAndThePage()
    {
        var (id, _) = await CreateAsync(personalData: true);
        var executor = await app.SignedInAsync("zkh.1");
        var control = await app.SignedInAsync("ctrl.1");
        Assert.Equal(HttpStatusCode.OK, (await executor.GetAsync($"/api/v1/orders/{id}")).StatusCode);

        var refused = await executor.GetAsync($"/api/v1/orders/{id}/reads");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(OrderPolicy.ReadLogRefusal, (await refused.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("detail").GetString());
        var shown = await control.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}/reads", Json);
        Assert.Contains(shown.EnumerateArray(), r => r.GetProperty("channel").GetString() == "Api");

        var executorsPage = await executor.GetStringAsync($"/orders/{id}");
        Assert.Contains("data-testid=\"personal-data\"", executorsPage);
        Assert.DoesNotContain("Журнал просмотров", executorsPage);
        Assert.DoesNotContain("data-testid=\"read-log\"", executorsPage);
        Assert.Contains("data-testid=\"read-log\"", await control.GetStringAsync($"/orders/{id}"));
    }
}
