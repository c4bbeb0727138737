using System.Text.Json;
using LiveOrders.Core.Language;
using LiveOrders.Core.Webhooks;

namespace LiveOrders.Web.Components.Admin;

/// <summary>The webhook page's Russian words for event kinds, delivery states and a receiver's answer.</summary>
public static class WebhookText
{
    public static readonly WebhookEventKinds[] Kinds = Enum.GetValues<WebhookEventKinds>()
        .Where(k => k is not WebhookEventKinds.None and not WebhookEventKinds.All).ToArray();

    public static string Kind(WebhookEventKinds kind) => kind switch
    {
        WebhookEventKinds.Created => "создано",
        WebhookEventKinds.Sent => "отправлено",
        WebhookEventKinds.Accepted => "принято",
        WebhookEventKinds.Forwarded => "переадресовано",
        WebhookEventKinds.Submitted => "на проверке",
        WebhookEventKinds.Approved => "исполнено",
        WebhookEventKinds.Returned => "возвращено",
        WebhookEventKinds.Overdue => "просрочено",
        WebhookEventKinds.Commented => "комментарий",
        _ => kind.ToString(),
    };

    public static string KindList(WebhookEventKinds kinds) =>
        kinds == WebhookEventKinds.All ? "все" : string.Join(", ", Kinds.Where(k => kinds.HasFlag(k)).Select(Kind));

    public static string State(WebhookDeliveryState state) => state switch
    {
        WebhookDeliveryState.Delivered => "доставлено",
        WebhookDeliveryState.GivenUp => "отказ",
        _ => "в очереди",
    };

    public static string Outcome(WebhookLogOutcome outcome) => outcome switch
    {
        WebhookLogOutcome.Succeeded => "Успешные попытки",
        WebhookLogOutcome.Failed => "Неудачные попытки",
        WebhookLogOutcome.GivenUp => "Доставки, от которых отказались",
        _ => "Все попытки",
    };

    public static string Answer(WebhookAnswer answer) => answer.Error is null
        ? $"Получатель ответил {answer.StatusCode} за {answer.DurationMs} мс — доставка работает."
        : $"{answer.Error} ({answer.DurationMs} мс)";

    /// <summary>A log row's answer: the status code when there was one (its error only repeats it), else why there was none.</summary>
    public static string AttemptAnswer(int? statusCode, string? error) =>
        statusCode?.ToString() ?? error ?? "—";

    /// <summary>«3 дня», «12 часов», «45 минут»: how long a delivery is tried before it is given up.</summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => RussianPlural.Of((long)span.TotalDays, "день", "дня", "дней"),
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => RussianPlural.Of((long)span.TotalHours, "час", "часа", "часов"),
        _ => RussianPlural.Of((long)Math.Ceiling(span.TotalMinutes), "минута", "минуты", "минут"),
    };

    /// <summary>The body as sent, indented for reading; as it is when it is not JSON.</summary>
    public static string Pretty(string? payload)
    {
        if (string.IsNullOrEmpty(payload)) return "";
        try
        {
            using var json = JsonDocument.Parse(payload);
            return JsonSerializer.Serialize(json.RootElement, Indented);
        }
        catch (JsonException) { return payload; }
    }

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}
