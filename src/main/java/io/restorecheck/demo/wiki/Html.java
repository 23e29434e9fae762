package io.restorecheck.demo.wiki;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The wiki's HTML documents: escaping and the few page layouts. */
final class Html {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Html() {
    }

    static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        escape(out, s);
        return out.toString();
    }

    /** editTime (Unix seconds) as a readable UTC time. */
    static String time(double editTimeSeconds) {
        long seconds = (long) Math.floor(editTimeSeconds);
        long nanos = Math.round((editTimeSeconds - seconds) * 1e9);
        return TIME.format(Instant.ofEpochSecond(seconds, Math.min(nanos, 999_999_999L)));
    }

    /** A page view: the title, the rendered body, who edited it last, and the sidebar. */
    static String page(Pages.Page page, String bodyHtml, int revisions, List<Pages.Edit> recent,
                       List<String> backlinks) {
        StringBuilder links = new StringBuilder("<div id=\"backlinks\"><h2>What links here</h2>\n<ul>\n");
        for (String title : backlinks) {
            links.append("<li><a href=\"").append(escape(Titles.path(title))).append("\">").append(escape(title))
                    .append("</a></li>\n");
        }
        links.append("</ul></div>\n");
        String main = "<div id=\"page-body\">\n" + bodyHtml + "</div>\n"
                + "<p id=\"page-info\" data-edit-time=\"" + page.editTime() + "\" data-revisions=\"" + revisions
                + "\">Revision " + revisions + ", last edited " + time(page.editTime()) + " by "
                + escape(page.userEdited() == null ? "anonymous" : page.userEdited())
                + ". <a href=\"" + escape(Titles.path(page.title())) + "?action=raw\">raw</a>"
                + " <a href=\"" + escape(Titles.path(page.title())) + "?action=edit\">edit</a></p>\n"
                + links;
        return layout(page.title(), main, sidebar(recent));
    }

    static String recentChanges(List<Pages.Edit> edits) {
        StringBuilder main = new StringBuilder("<table id=\"changes\">\n<tr><th>Page</th><th>Time</th><th>User</th>"
                + "<th>Comment</th></tr>\n");
        for (Pages.Edit e : edits) {
            main.append("<tr><td><a href=\"").append(escape(Titles.path(e.title()))).append("\">")
                    .append(escape(e.title())).append("</a></td><td data-edit-time=\"").append(e.editTime())
                    .append("\">").append(time(e.editTime())).append("</td><td>")
                    .append(escape(e.user() == null ? "anonymous" : e.user())).append("</td><td>")
                    .append(escape(e.comment() == null ? "" : e.comment())).append("</td></tr>\n");
        }
        main.append("</table>\n");
        return layout("Recent Changes", main.toString(), "");
    }

    static String notFound(String title) {
        return layout(title, "<p class=\"missing-page\">This page does not exist yet. <a href=\""
                + escape(Titles.path(title)) + "?action=edit\" class=\"missing\">Create it</a>.</p>\n", "");
    }

    static String editForm(String title, String currentText) {
        return layout("Editing " + title, "<form method=\"post\" action=\"" + escape(Titles.path(title))
                + "?action=edit\" enctype=\"application/x-www-form-urlencoded\">\n"
                + "<textarea name=\"text\" rows=\"25\" cols=\"80\">" + escape(currentText) + "</textarea>\n"
                + "<p>Your name: <input name=\"user\"> <button>Save</button></p>\n</form>\n", "");
    }

    /** An error page whose body carries the failure's stack trace, as many real sites do. */
    static String error(int status, String reason, Throwable failure) {
        StringWriter trace = new StringWriter();
        if (failure != null) {
            failure.printStackTrace(new PrintWriter(trace));
        }
        return layout(reason, "<p class=\"error\">HTTP " + status + ": " + escape(reason) + "</p>\n"
                + "<pre class=\"stacktrace\">" + escape(trace.toString()) + "</pre>\n", "");
    }

    private static String sidebar(List<Pages.Edit> recent) {
        StringBuilder aside = new StringBuilder("<aside id=\"recent-changes\">\n<h2>Recent changes</h2>\n<ul>\n");
        for (Pages.Edit e : recent) {
            aside.append("<li><a href=\"").append(escape(Titles.path(e.title()))).append("\">")
                    .append(escape(e.title())).append("</a> <span class=\"time\">").append(time(e.editTime()))
                    .append("</span></li>\n");
        }
        return aside.append("</ul>\n<p><a href=\"/Recent_Changes\">more</a></p>\n</aside>\n").toString();
    }

    private static String layout(String title, String main, String sidebar) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>body{font-family:sans-serif;display:flex;gap:2em}main{flex:3}aside{flex:1}"
                + "a.missing{color:#ba0000}</style>\n</head>\n<body>\n<main>\n<p id=\"site\"><a href=\"/Main_Page\">"
                + "Sample Wiki</a></p>\n<h1 id=\"page-title\">" + escape(title) + "</h1>\n" + main + "</main>\n"
                + sidebar + "</body>\n</html>\n";
    }
}
