using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveOrders.Core.Live;

/// <summary>
/// How live messages travel between nodes: System.Text.Json, enums by name (a node of the next version that adds a
/// kind must not make an older one read another), dates as written (UTC stays UTC).
/// </summary>
public static class LiveJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"An empty {typeof(T).Name} in the live feed.");
}
