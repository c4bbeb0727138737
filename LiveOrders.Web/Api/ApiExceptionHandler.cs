using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LiveOrders.Web.Api;

/// <summary>
/// API clients get a ProblemDetails in Russian for a request that cannot be read (bad JSON, wrong types), never an HTML
/// page; an unreadable sign-in form goes back to the sign-in page with a message, never to an error page.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // By now the request path is the error page's; the feature keeps the one that failed.
        var path = http.Features.Get<IExceptionHandlerFeature>()?.Path ?? http.Request.Path;
        var badRequest = Chain(exception).Any(e => e is BadHttpRequestException or JsonException or FormatException);
        // A sign-in or sign-out form the server cannot read (a NUL in a field, say) is answered like a forged one.
        if (badRequest && path.StartsWith("/account/", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Redirect("/login?error=forged");
            return true;
        }
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)) return false;
        if (!badRequest) logger.LogError(exception, "API request failed");
        var status = badRequest ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
        await Results.Problem(statusCode: status, title: badRequest ? "Некорректный запрос" : "Внутренняя ошибка",
            detail: badRequest
                ? "Тело или параметры запроса не удалось разобрать: проверьте JSON и типы полей."
                : "Сервер не смог выполнить запрос. Изменения не сохранены.").ExecuteAsync(http);
        return true;
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }
}
