using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core.Integrations;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// Every /api/v1 endpoint × every kind of key → the expected status. The keys act as the head of ЖКХ; «own» is scoped
/// to ЖКХ and Архитектура, «other» to Финансы and Юридический. The order is Архитектура → ЖКХ, fresh for each row.
/// A new endpoint that is not in the table fails <see cref="EveryApiEndpoint_IsInTheMatrix"/>.
/// </summary>
public sealed class ApiKeyScopeMatrixTests(ApiKeyScopeMatrixTests.Keys keys) : IClassFixture<ApiKeyScopeMatrixTests.Keys>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public enum Credential { None, ReadOwn, ReadOther, WriteOwn, WriteOther, Revoked }

    private const HttpStatusCode Ok = HttpStatusCode.OK, NoAuth = HttpStatusCode.Unauthorized, Refused = HttpStatusCode.Forbidden,
        Hidden = HttpStatusCode.NotFound;

    /// <summary>endpoint → statuses for None, ReadOwn, ReadOther, WriteOwn, WriteOther, Revoked.</summary>
    private static readonly Dictionary<string, HttpStatusCode[]> Expected = new()
    {
        ["GET /api/v1/orders"] = [NoAuth, Ok, Ok, Ok, Ok, NoAuth],
        ["GET /api/v1/orders/{id:int}"] = [NoAuth, Ok, Hidden, Ok, Hidden, NoAuth],
        ["POST /api/v1/orders"] = [NoAuth, Refused, Refused, Ok, Refused, NoAuth],
        ["POST /api/v1/orders/{id:int}/comments"] = [NoAuth, Refused, Hidden, Ok, Hidden, NoAuth],
        ["POST /api/v1/orders/{id:int}/transitions"] = [NoAuth, Refused, Hidden, Ok, Hidden, NoAuth],
        // On an order the key's employee wrote (a correction is the author's alone).
        ["POST /api/v1/orders/{id:int}/corrections"] = [NoAuth, Refused, Hidden, Ok, Hidden, NoAuth],
        // Files are read with the order: any key that sees the order, read or write.
        ["GET /api/v1/orders/{id:int}/attachments"] = [NoAuth, Ok, Hidden, Ok, Hidden, NoAuth],
        ["GET /api/v1/orders/{id:int}/attachments/{attachmentId:long}"] = [NoAuth, Ok, Hidden, Ok, Hidden, NoAuth],
        // Also on the key's employee's own order, on control (control is the author's, the controller's and the curator's).
        ["POST /api/v1/orders/{id:int}/control"] = [NoAuth, Refused, Hidden, Ok, Hidden, NoAuth],
        ["POST /api/v1/orders/{id:int}/controller"] = [NoAuth, Refused, Hidden, Ok, Hidden, NoAuth],
        ["GET /api/v1/departments"] = [NoAuth, Ok, Ok, Ok, Ok, NoAuth],
        ["GET /api/v1/departments/{id:int}/employees"] = [NoAuth, Ok, Hidden, Ok, Hidden, NoAuth],
        // The log of openings is for control and administrators signed in themselves: never for a key.
        ["GET /api/v1/orders/{id:int}/reads"] = [NoAuth, Refused, Refused, Refused, Refused, NoAuth],
        ["GET /api/v1/delay-reasons"] = [NoAuth, Ok, Ok, Ok, Ok, NoAuth],
    };

    public static TheoryData<string, Credential> Rows()
    {
        var rows = new TheoryData<string, Credential>();
        foreach (var endpoint in Expected.Keys)
            foreach (var credential in Enum.GetValues<Credential>())
                rows.Add(endpoint, credential);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task EachEndpoint_AnswersEachKey_AsItsScopeAllows(string endpoint, Credential credential)
    {
        var client = keys.App.Anonymous();
        if (keys.Secret(credential) is { } secret) client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var order = endpoint.EndsWith("/corrections", StringComparison.Ordinal) || endpoint.Contains("/control", StringComparison.Ordinal)
            ? await keys.OrderAsync(author: "zkh.head", to: "Архитектура", onControl: true)
            : await keys.OrderAsync();

        var response = await SendAsync(client, endpoint, order);

        Assert.Equal(Expected[endpoint][(int)credential], response.StatusCode);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(order.Title, await response.Content.ReadAsStringAsync());
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string endpoint, (int Id, int Version, string Title) order)
    {
        var housing = await keys.DepartmentAsync("ЖКХ");
        return endpoint switch
        {
            "GET /api/v1/orders" => await client.GetAsync("/api/v1/orders"),
            "GET /api/v1/orders/{id:int}" => await client.GetAsync($"/api/v1/orders/{order.Id}"),
            "POST /api/v1/orders" => await client.PostAsJsonAsync("/api/v1/orders", new
            {
                title = "Матрица: новое поручение", departmentIds = new[] { await keys.DepartmentAsync("Архитектура") }, dueAt = DateTimeOffset.UtcNow.AddDays(3),
            }),
            "POST /api/v1/orders/{id:int}/comments" => await client.PostAsJsonAsync($"/api/v1/orders/{order.Id}/comments", new { text = "Матрица" }),
            "POST /api/v1/orders/{id:int}/transitions" => await client.PostAsJsonAsync($"/api/v1/orders/{order.Id}/transitions",
                new { action = "Accept", version = order.Version }),
            "POST /api/v1/orders/{id:int}/corrections" => await client.PostAsJsonAsync($"/api/v1/orders/{order.Id}/corrections",
                new { version = order.Version, title = "Матрица: исправлено", text = "", priority = "High" }),
            "GET /api/v1/orders/{id:int}/attachments" => await client.GetAsync($"/api/v1/orders/{order.Id}/attachments"),
            "GET /api/v1/orders/{id:int}/attachments/{attachmentId:long}" =>
                await client.GetAsync($"/api/v1/orders/{order.Id}/attachments/{await keys.AttachAsync(order.Id, "arch.head")}"),
            "POST /api/v1/orders/{id:int}/control" => await client.PostAsJsonAsync($"/api/v1/orders/{order.Id}/control",
                new { version = order.Version, onControl = false, reason = "Матрица: снято с контроля" }),
            "POST /api/v1/orders/{id:int}/controller" => await client.PostAsJsonAsync($"/api/v1/orders/{order.Id}/controller",
                new { version = order.Version, controllerId = (await keys.ActorAsync("ctrl.head")).EmployeeId }),
            "GET /api/v1/departments" => await client.GetAsync("/api/v1/departments"),
            "GET /api/v1/orders/{id:int}/reads" => await client.GetAsync($"/api/v1/orders/{order.Id}/reads"),
            "GET /api/v1/delay-reasons" => await client.GetAsync("/api/v1/delay-reasons"),
            "GET /api/v1/departments/{id:int}/employees" => await client.GetAsync($"/api/v1/departments/{housing}/employees"),
            _ => throw new InvalidOperationException($"Нет запроса для {endpoint}"),
        };
    }

    [Fact]
    public void EveryApiEndpoint_IsInTheMatrix()
    {
        var mapped = keys.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        Assert.NotEmpty(mapped);
        Assert.Equal(mapped.Order(), Expected.Keys.Order());
    }

    [Fact]
    public async Task AListWithAKeyOfTheOtherScope_HoldsNoneOfTheOwnScopesOrders()
    {
        var order = await keys.OrderAsync();
        var client = keys.App.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", keys.Secret(Credential.ReadOther));
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/orders?take=500", Json);
        Assert.DoesNotContain(page.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetInt32() == order.Id);
        var departments = await client.GetFromJsonAsync<JsonElement>("/api/v1/departments", Json);
        Assert.Equal([await keys.DepartmentAsync("Финансы"), await keys.DepartmentAsync("Юридический")],
            departments.EnumerateArray().Select(d => d.GetProperty("id").GetInt32()).Order());
    }

    /// <summary>The app and its keys, issued once for the table.</summary>
    public sealed class Keys : IAsyncLifetime, IDisposable
    {
        public LiveOrdersApp App { get; } = new();
        private readonly Dictionary<Credential, string> _secrets = [];

        public string? Secret(Credential credential) => _secrets.GetValueOrDefault(credential);

        public async Task InitializeAsync()
        {
            var apiKeys = App.Services.GetRequiredService<ApiKeys>();
            var admin = await ActorAsync("admin");
            var head = await ActorAsync("zkh.head");
            int[] own = [await DepartmentAsync("ЖКХ"), await DepartmentAsync("Архитектура")];
            int[] other = [await DepartmentAsync("Финансы"), await DepartmentAsync("Юридический")];
            async Task<IssuedApiKey> Issue(int[] departments, bool write) =>
                (await apiKeys.IssueAsync(admin, new ApiKeyRequest("Матрица", head.EmployeeId, departments, write))).Value!;
            _secrets[Credential.ReadOwn] = (await Issue(own, false)).Secret;
            _secrets[Credential.ReadOther] = (await Issue(other, false)).Secret;
            _secrets[Credential.WriteOwn] = (await Issue(own, true)).Secret;
            _secrets[Credential.WriteOther] = (await Issue(other, true)).Secret;
            var revoked = await Issue(own, true);
            await apiKeys.RevokeAsync(admin, revoked.Id);
            _secrets[Credential.Revoked] = revoked.Secret;
        }

        public Task<Actor> ActorAsync(string userName) => App.ActorAsync(userName);

        public async Task<int> DepartmentAsync(string shortName) =>
            (await App.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).Single(d => d.ShortName == shortName).Id;

        /// <summary>A fresh order Архитектура → ЖКХ, as the head of ЖКХ's keys find it.</summary>
        /// <summary>A small PDF attached to the order by <paramref name="login"/>: its id.</summary>
        public async Task<long> AttachAsync(int orderId, string login)
        {
            var result = await App.Services.GetRequiredService<LiveOrders.Core.Attachments.AttachmentService>().UploadAsync(await ActorAsync(login),
                orderId, "Матрица.pdf", null, new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray()));
            Assert.True(result.Ok, result.Message);
            return result.Value!.Id;
        }

        public async Task<(int Id, int Version, string Title)> OrderAsync(string author = "arch.head", string to = "ЖКХ", bool onControl = false)
        {
            var title = $"Матрица {Guid.NewGuid():N}";
            var created = await App.Services.GetRequiredService<OrderService>().CreateAsync(await ActorAsync(author),
                new NewOrder(title, null, [await DepartmentAsync(to)], Priority.Normal, DateTime.UtcNow.AddDays(3), onControl));
            Assert.True(created.Ok, created.Message);
            var details = await App.Services.GetRequiredService<OrderQueries>().GetAsync(await ActorAsync("zkh.head"), created.Value![0].Id);
            return (created.Value[0].Id, details.Value!.Version, title);
        }

        public Task DisposeAsync() => Task.CompletedTask;
        public void Dispose() => App.Dispose();
    }
}
