using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core.Integrations;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>The API's own protections: cookie writes only from the site itself, and a rate limit per caller.</summary>
public sealed class ApiProtectionTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<int> DepartmentAsync(string shortName) =>
        (await app.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).Single(d => d.ShortName == shortName).Id;

    private async Task<HttpRequestMessage> CreateOrderRequestAsync(string title, string? origin = null, string? referer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new { title, departmentIds = new[] { await DepartmentAsync("ЖКХ") }, dueAt = DateTimeOffset.UtcNow.AddDays(3) }),
        };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (referer is not null) request.Headers.Referrer = new Uri(referer);
        return request;
    }

    private async Task<int> TotalAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/orders?take=1", Json)).GetProperty("total").GetInt32();

    /// <summary>The attack of the issue: a page on another port of the same host posts with the signed-in user's cookie.</summary>
    [Theory]
    [InlineData("http://127.0.0.1:5419", null)]
    [InlineData("http://evil.example", null)]
    [InlineData("null", null)]
    [InlineData(null, "http://127.0.0.1:5419/attack.html")]
    public async Task ACookieWrite_FromAForeignOrigin_Is403_AndChangesNothing(string? origin, string? referer)
    {
        var client = await app.SignedInAsync("arch.head");
        var before = await TotalAsync(client);

        var response = await client.SendAsync(await CreateOrderRequestAsync("С чужой страницы", origin, referer));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("только со страниц самого LiveOrders", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await TotalAsync(client));
    }

    [Fact]
    public async Task ACookieWrite_FromTheSiteItself_OrFromAClientWithoutOrigin_Goes()
    {
        var client = await app.SignedInAsync("arch.head");
        var self = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(await CreateOrderRequestAsync("Со своей страницы", self))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(await CreateOrderRequestAsync("По Referer", null, self + "/orders/new"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(await CreateOrderRequestAsync("Скрипт без Origin"))).StatusCode);
    }

    [Fact]
    public async Task AKeyWrite_WithAForeignOrigin_IsNotAffected()
    {
        var admin = await app.ActorAsync("admin");
        var key = (await app.Services.GetRequiredService<ApiKeys>().IssueAsync(admin, new ApiKeyRequest("Внешняя система",
            (await app.ActorAsync("arch.head")).EmployeeId, [await DepartmentAsync("Архитектура"), await DepartmentAsync("ЖКХ")], true))).Value!;
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);

        var response = await client.SendAsync(await CreateOrderRequestAsync("От системы", "http://docs.example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TooManyRequests_Get429_WithRetryAfter_AndARussianProblem_PerCaller()
    {
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:Api:PermitLimit", "3").UseSetting("RateLimits:Api:Window", "01:00:00"));
        var first = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/orders")).StatusCode);

        var refused = await first.GetAsync("/api/v1/orders");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Превышен предел запросов", await refused.Content.ReadAsStringAsync());
        // Another caller (a key) has its own allowance; pages are not limited at all.
        var admin = await app.ActorAsync("admin");
        var key = (await limited.Services.GetRequiredService<ApiKeys>().IssueAsync(admin, new ApiKeyRequest("Другая система",
            (await app.ActorAsync("zkh.head")).EmployeeId, [await DepartmentAsync("ЖКХ")], false))).Value!;
        var second = limited.CreateClient();
        second.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/login")).StatusCode);
    }

}
