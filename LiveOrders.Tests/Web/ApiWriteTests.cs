using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>Writing through /api/v1: the same rules as the pages, and ProblemDetails in Russian for what is refused.</summary>
public sealed class ApiWriteTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<int> DepartmentIdAsync(HttpClient client, string shortName)
    {
        // Department ids through the orders a head can already see.
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/orders?scope=All&take=200", Json);
        return page.GetProperty("items").EnumerateArray()
            .First(o => o.GetProperty("executingDepartment").GetString() == shortName)
            .GetProperty("executingDepartmentId").GetInt32();
    }

    [Fact]
    public async Task AnOrderCreatedAndAcceptedThroughTheApi_FollowsTheLifecycle_AndAStaleVersionIs409()
    {
        var author = await app.SignedInAsync("arch.head");
        var housingId = await DepartmentIdAsync(author, "ЖКХ");

        var created = await author.PostAsJsonAsync("/api/v1/orders", new
        {
            title = "Обследовать кровлю дома по ул. Весенней, 3",
            departmentIds = new[] { housingId },
            priority = "High",
            dueAt = DateTimeOffset.UtcNow.AddDays(4),
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var order = (await created.Content.ReadFromJsonAsync<JsonElement>(Json))[0];
        var id = order.GetProperty("id").GetInt32();
        Assert.Matches(@"^П-\d{4}/\d{4}$", order.GetProperty("number").GetString());

        var head = await app.SignedInAsync("zkh.head");
        var details = await head.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Json);
        var version = details.GetProperty("version").GetInt32();

        var accepted = await head.PostAsJsonAsync($"/api/v1/orders/{id}/transitions", new { action = "Accept", version });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var stale = await head.PostAsJsonAsync($"/api/v1/orders/{id}/transitions", new { action = "Forward", version, departmentId = housingId, reason = "—" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("только что изменил другой пользователь", await stale.Content.ReadAsStringAsync());

        var byAuthor = await author.PostAsJsonAsync($"/api/v1/orders/{id}/transitions", new { action = "Submit", version = version + 1 });
        Assert.Equal(HttpStatusCode.Forbidden, byAuthor.StatusCode);
        Assert.Equal("application/problem+json", byAuthor.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheAuthorCorrectsASentOrderThroughTheApi_AStaleVersionIs409_AndSomeoneElseIs403()
    {
        var author = await app.SignedInAsync("arch.head");
        var housingId = await DepartmentIdAsync(author, "ЖКХ");
        var created = await author.PostAsJsonAsync("/api/v1/orders", new
        {
            title = "Обследовать кровлю дома по ул. Весеней, 3", departmentIds = new[] { housingId }, dueAt = DateTimeOffset.UtcNow.AddDays(4),
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json))[0].GetProperty("id").GetInt32();
        var version = (await author.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Json)).GetProperty("version").GetInt32();

        var corrected = await author.PostAsJsonAsync($"/api/v1/orders/{id}/corrections",
            new { version, title = "Обследовать кровлю дома по ул. Весенней, 3", text = "", priority = "Urgent" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var details = await author.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Json);
        Assert.Equal("Обследовать кровлю дома по ул. Весенней, 3", details.GetProperty("title").GetString());
        Assert.Equal(version + 1, details.GetProperty("version").GetInt32());

        var stale = await author.PostAsJsonAsync($"/api/v1/orders/{id}/corrections", new { version, title = "Ещё раз", text = "", priority = "Low" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("только что изменил другой пользователь", await stale.Content.ReadAsStringAsync());

        var head = await app.SignedInAsync("zkh.head");
        var byHead = await head.PostAsJsonAsync($"/api/v1/orders/{id}/corrections", new { version = version + 1, title = "Чужая правка", text = "", priority = "Low" });
        Assert.Equal(HttpStatusCode.Forbidden, byHead.StatusCode);
        Assert.Equal("application/problem+json", byHead.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BadInput_IsAProblemDetailsInRussian_AndCreatesNothing()
    {
        var author = await app.SignedInAsync("edu.head");
        var before = (await author.GetFromJsonAsync<JsonElement>("/api/v1/orders?scope=Mine&take=1", Json)).GetProperty("total").GetInt32();

        var noTitle = await author.PostAsJsonAsync("/api/v1/orders", new { title = "", departmentIds = new[] { 1 }, dueAt = DateTimeOffset.UtcNow.AddDays(1) });
        var pastDue = await author.PostAsJsonAsync("/api/v1/orders", new { title = "Заголовок", departmentIds = new[] { 2 }, dueAt = DateTimeOffset.UtcNow.AddDays(-1) });
        var malformed = await author.PostAsync("/api/v1/orders", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));
        var hugeComment = await author.PostAsJsonAsync("/api/v1/orders/1/comments", new { text = new string('я', 20_000) });

        Assert.Equal(HttpStatusCode.BadRequest, noTitle.StatusCode);
        Assert.Contains("Укажите заголовок поручения.", await noTitle.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, pastDue.StatusCode);
        Assert.Contains("Срок исполнения уже прошёл", await pastDue.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("не удалось разобрать", await malformed.Content.ReadAsStringAsync());
        Assert.True(hugeComment.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound);
        var after = (await author.GetFromJsonAsync<JsonElement>("/api/v1/orders?scope=Mine&take=1", Json)).GetProperty("total").GetInt32();
        Assert.Equal(before, after);
    }

    public static TheoryData<string, string, string> ValuesTheFormNeverSends => new()
    {
        // what, the JSON body's extra fields, the field the refusal names
        { "priority 99", "\"priority\": 99", "priority" },
        { "priority -1", "\"priority\": -1", "priority" },
        { "a title of NULs", "\"title\": \"\\u0000\\u0000\\u0000\"", "title" },
        { "a title of zero-width spaces", "\"title\": \"\\u200B\\u200B\\uFEFF\"", "title" },
        { "due 9999-12-31", "\"dueAt\": \"9999-12-31T00:00:00Z\"", "dueAt" },
        { "the administration as executor", "\"toRoot\": true", "departments" },
    };

    [Theory]
    [MemberData(nameof(ValuesTheFormNeverSends))]
    public async Task AValueTheFormNeverSends_IsA400InRussian_AndCreatesNothing(string what, string fields, string field)
    {
        var author = await app.SignedInAsync("edu.head");
        var housingId = await DepartmentIdAsync(author, "ЖКХ");
        var rootId = await RootDepartmentIdAsync();
        var before = await CountMineAsync(author);
        var body = new Dictionary<string, object?>
        {
            ["title"] = $"Проверка: {what}",
            ["departmentIds"] = new[] { housingId },
            ["priority"] = "Normal",
            ["dueAt"] = DateTimeOffset.UtcNow.AddDays(3),
        };
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("{" + fields + "}")!)
        {
            if (key == "toRoot") body["departmentIds"] = new[] { rootId };
            else body[key] = value;
        }

        var response = await author.PostAsJsonAsync("/api/v1/orders", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Matches("[А-Яа-яЁё]", problem.GetProperty("detail").GetString() ?? problem.GetProperty("title").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, await CountMineAsync(author));
    }

    [Fact]
    public async Task ATransitionWithNoAction_IsRefused_NotRunAsSend()
    {
        var author = await app.SignedInAsync("edu.head");
        var housingId = await DepartmentIdAsync(author, "ЖКХ");
        var created = await author.PostAsJsonAsync("/api/v1/orders", new
        {
            title = "Черновик без действия", departmentIds = new[] { housingId }, priority = "Normal",
            dueAt = DateTimeOffset.UtcNow.AddDays(3), send = false,
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json))[0].GetProperty("id").GetInt32();
        var version = (await author.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Json)).GetProperty("version").GetInt32();

        var response = await author.PostAsJsonAsync($"/api/v1/orders/{id}/transitions", new { version });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Укажите действие", await response.Content.ReadAsStringAsync());
        var after = await author.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Json);
        Assert.Equal("Draft", after.GetProperty("status").GetString());
    }

    private static async Task<int> CountMineAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/orders?scope=Mine&take=1", Json)).GetProperty("total").GetInt32();

    private async Task<int> RootDepartmentIdAsync()
    {
        var departments = await app.Services.GetRequiredService<LiveOrders.Core.Orders.OrderQueries>().DepartmentsAsync();
        return departments.Single(d => d.ParentId is null).Id;
    }
}
