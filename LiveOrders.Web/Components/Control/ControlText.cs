namespace LiveOrders.Web.Components.Control;

/// <summary>How the panel writes its figures in Russian.</summary>
public static class ControlText
{
    public static string Rate(double? rate) => rate is { } r ? $"{r:P0}" : "—";

    /// <summary>«меньше суток», «1 день», «3 дня», «12 дней».</summary>
    public static string DaysLate(int days) => days switch
    {
        <= 0 => "меньше суток",
        _ when days % 10 == 1 && days % 100 != 11 => $"{days} день",
        _ when days % 10 is >= 2 and <= 4 && days % 100 is < 12 or > 14 => $"{days} дня",
        _ => $"{days} дней",
    };
}
