namespace HotlineDispatch.Tickets;

/// <summary>The resident's answer to the return visit: 1 满意, 2 基本满意, 3 不满意.</summary>
public enum SurveyRating
{
    Satisfied,
    Basic,
    Dissatisfied,
}
