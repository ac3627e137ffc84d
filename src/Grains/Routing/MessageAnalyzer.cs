using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>The analyzer behind <c>POST /api/v1/analyze</c> and the chat-group inbox: the router's advice plus sentiment.</summary>
public sealed class MessageAnalyzer(RoutingAdvisor advisor, ITextInsights insights) : IMessageAnalyzer
{
    public async Task<MessageAnalysis> AnalyzeAsync(string text, TicketChannel channel, CancellationToken cancellationToken = default)
    {
        var advice = await advisor.AdviseAsync(text, address: null, knownType: null);
        var insight = (await insights.AnalyzeAsync([text], cancellationToken))[0];
        return new MessageAnalysis(
            advice.RequestConfidence >= RouterTraining.RequestAbove,
            advice.Department,
            advice.Alternatives,
            advice.Type,
            advice.UrgentCue is not null,
            insight.Sentiment)
        {
            KeyPhrases = insight.KeyPhrases,
            UrgentCue = advice.UrgentCue,
            DepartmentSource = advice.DepartmentSource,
            RequestConfidence = advice.RequestConfidence,
            InsightSource = insight.Source,
        };
    }
}
