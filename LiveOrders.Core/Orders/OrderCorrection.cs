namespace LiveOrders.Core.Orders;

/// <summary>
/// How a correction is written into the history: «Название: «было» → «стало»» per changed field. The event's one
/// text column holds at most <see cref="Order.ReasonMaxLength"/> characters, so each value is shortened to
/// <see cref="ValueMaxLength"/> (three fields, before and after, then fit); the order itself keeps the full text.
/// </summary>
public static class OrderCorrection
{
    public const int ValueMaxLength = 300;

    public static string Describe(string field, string before, string after) =>
        $"{field}: «{Shorten(before)}» → «{Shorten(after)}»";

    private static string Shorten(string value)
    {
        var oneLine = value.ReplaceLineEndings(" ");
        return oneLine.Length <= ValueMaxLength ? oneLine : oneLine[..(ValueMaxLength - 1)] + "…";
    }
}
