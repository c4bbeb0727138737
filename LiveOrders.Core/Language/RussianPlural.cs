namespace LiveOrders.Core.Language;

/// <summary>
/// A count with its noun in the right Russian form: «1 поручение», «2 поручения», «5 поручений». The form follows the
/// last two digits: 11–14 take the «many» form whatever the last digit, otherwise 1 takes «one», 2–4 take «few».
/// </summary>
public static class RussianPlural
{
    /// <summary>«n noun» in the form the number asks for.</summary>
    public static string Of(long n, string one, string few, string many) => $"{n} {Form(n, one, few, many)}";

    /// <summary>Only the noun, in the form the number asks for (for a text that prints the number apart).</summary>
    public static string Form(long n, string one, string few, string many)
    {
        var abs = Math.Abs(n % 100);
        if (abs is >= 11 and <= 14) return many;
        return (abs % 10) switch
        {
            1 => one,
            2 or 3 or 4 => few,
            _ => many,
        };
    }
}
