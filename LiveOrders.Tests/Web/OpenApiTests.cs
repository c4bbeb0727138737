using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>The OpenAPI document describes every /api/v1 endpoint in Russian: an endpoint added without docs fails here.</summary>
public sealed class OpenApiTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var response = await app.Anonymous().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task TheDocument_DescribesEveryMappedApiEndpoint_InRussian_WithItsErrors()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .ToList();
        Assert.NotEmpty(mapped);

        foreach (var (method, route) in mapped)
        {
            // The document writes {id} where the route says {id:int}.
            var path = Regex.Replace(route, @"\{(\w+):[^}]+\}", "{$1}");
            Assert.True(paths.TryGetProperty(path, out var item), $"{method} {path} нет в документе");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} нет в документе");
            Assert.Matches("[А-Яа-я]{3}", operation.GetProperty("summary").GetString());
            Assert.Matches("[А-Яа-я]{3}.*[А-Яа-я]{3}", operation.GetProperty("description").GetString());
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("200", out _), $"{method} {path}: нет ответа 200");
            Assert.True(responses.TryGetProperty("401", out var unauthorized), $"{method} {path}: нет ответа 401");
            Assert.True(unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _));
            Assert.True(responses.TryGetProperty("429", out _), $"{method} {path}: нет ответа 429");
        }
        // Nothing but the API is in it (no sign-in form, no diagnostics).
        Assert.All(paths.EnumerateObject(), p => Assert.StartsWith("/api/v1/", p.Name));
    }

    [Fact]
    public async Task TheDocument_DeclaresTheApiKeyAndBearerSchemes()
    {
        var document = await DocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("apiKey", schemes.GetProperty("ApiKey").GetProperty("type").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("header", schemes.GetProperty("ApiKey").GetProperty("in").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal(2, document.GetProperty("security").GetArrayLength());
        Assert.Matches("[А-Яа-я]", document.GetProperty("info").GetProperty("description").GetString());
    }
}
