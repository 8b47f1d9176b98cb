namespace Pipeline.Serving.Http;

/// <summary>A request the server will not serve as sent: answered with <see cref="StatusCode"/> and the message as one line of text.</summary>
internal sealed class RequestRefusedException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static RequestRefusedException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
}
