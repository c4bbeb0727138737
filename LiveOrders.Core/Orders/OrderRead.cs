namespace LiveOrders.Core.Orders;

/// <summary>How an order was opened.</summary>
public enum ReadChannel
{
    /// <summary>The order page, once per opening (not each re-render or live refresh).</summary>
    Page,
    /// <summary>GET of the order through the API.</summary>
    Api,
    /// <summary>The order downloaded as a file with its history (xlsx or CSV).</summary>
    Export,
}

/// <summary>
/// One opening of an order marked as holding personal data (152-ФЗ): who, when and how. Append-only; read by control
/// and administrators only (<see cref="OrderPolicy.CanSeeReadLog"/>).
/// </summary>
public sealed class OrderRead
{
    public long Id { get; private set; }
    public int OrderId { get; private set; }
    public int ReaderId { get; private set; }
    public DateTime At { get; private set; }
    public ReadChannel Channel { get; private set; }

    private OrderRead() { }

    internal OrderRead(int orderId, int readerId, DateTime at, ReadChannel channel)
    {
        OrderId = orderId;
        ReaderId = readerId;
        At = at;
        Channel = channel;
    }
}

public static class ReadChannelText
{
    public static string Russian(this ReadChannel channel) => channel switch
    {
        ReadChannel.Page => "страница",
        ReadChannel.Api => "API",
        ReadChannel.Export => "выгрузка",
        _ => channel.ToString(),
    };
}
