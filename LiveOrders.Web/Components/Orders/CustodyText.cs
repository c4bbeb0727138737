using LiveOrders.Core.Orders;

namespace LiveOrders.Web.Components.Orders;

/// <summary>How the chain of custody and the ping-pong flag read in Russian, on the order page, the board and the panel.</summary>
public static class CustodyText
{
    /// <summary>«2 дня 3 ч», «5 ч 20 мин», «40 мин», «меньше минуты».</summary>
    public static string Duration(TimeSpan span)
    {
        var days = (int)span.TotalDays;
        if (days > 0) return span.Hours > 0 ? $"{Days(days)} {span.Hours} ч" : Days(days);
        if (span.Hours > 0) return span.Minutes > 0 ? $"{span.Hours} ч {span.Minutes} мин" : $"{span.Hours} ч";
        return span.Minutes > 0 ? $"{span.Minutes} мин" : "меньше минуты";
    }

    private static string Days(int days) => days switch
    {
        _ when days % 10 == 1 && days % 100 != 11 => $"{days} день",
        _ when days % 10 is >= 2 and <= 4 && days % 100 is < 12 or > 14 => $"{days} дня",
        _ => $"{days} дней",
    };

    /// <summary>What ended a stay, as the chain says it after the duration.</summary>
    public static string End(CustodyStayEnd end) => end switch
    {
        CustodyStayEnd.Open => "сейчас",
        CustodyStayEnd.Forwarded => "переадресовано",
        CustodyStayEnd.Declined => "отклонено",
        CustodyStayEnd.Sent => "отправлено снова",
        CustodyStayEnd.Approved => "исполнено",
        CustodyStayEnd.Cancelled => "отменено",
        _ => "",
    };

    public const string Flag = "Пинг-понг";

    /// <summary>The flag's tooltip: which department sent the order back where (and how often it happened).</summary>
    public static string PingPong(string? returnedTo, string? sentBackBy, int count) =>
        $"Поручение вернулось в «{returnedTo}» из «{sentBackBy}», где уже было" + (count > 1 ? $" (уже {count} раза)" : "");

    public static string? PingPong(OrderListItem card) =>
        card.PingPongCount == 0 ? null : PingPong(card.PingPongReturnedTo, card.PingPongSentBackBy, card.PingPongCount);

    /// <summary>The order page's tooltip: every round the order made.</summary>
    public static string PingPong(IReadOnlyList<PingPongItem> pingPongs) =>
        "Вернулось туда, где уже было: " + string.Join("; ", pingPongs.Select(p => string.Join(" → ", p.Loop)));
}
