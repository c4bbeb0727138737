using System.Net;
using System.Net.Sockets;

namespace LiveOrders.Tests.Support;

/// <summary>A port on 127.0.0.1 that nothing listens on, for a service a test starts (the app, SMTP, slapd, the OIDC provider).</summary>
public static class Ports
{
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
