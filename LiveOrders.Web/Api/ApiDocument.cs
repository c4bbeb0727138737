using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LiveOrders.Web.Api;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: the /api/v1 endpoints only, in Russian, with the ways to
/// authenticate. It is served without sign-in: it holds no data, only what an integrator needs before they are given a
/// key, and everything in it is in the project's public README and source anyway.
/// </summary>
public static class ApiDocument
{
    public const string Path = "/openapi/{documentName}.json";
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "LiveOrders API",
                Version = "v1",
                Description = "Поручения между подразделениями администрации: чтение, выдача, комментарии и действия по жизненному циклу. "
                    + "Для других систем — ключ доступа, выданный администратором (заголовок X-Api-Key или Authorization: Bearer lo_…), "
                    + "или токен организации (client credentials). Ключ или токен видит и меняет только то, что разрешает его область: "
                    + "подразделения и доступ на чтение или запись. Ошибки — ProblemDetails на русском. Живые события — хаб /hubs/orders "
                    + "(метод orderChanged; ключ в access_token допустим только для хаба).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Infrastructure.AuthSchemes.ApiKeyHeader,
                Description = "Ключ доступа «lo_…», выданный администратором на странице «Ключи API». Показывается один раз.",
            };
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Токен организации (Microsoft Entra ID или другой OpenID Connect, client credentials) или ключ доступа «lo_…».",
            };
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            ];
            return Task.CompletedTask;
        });
    }
}
