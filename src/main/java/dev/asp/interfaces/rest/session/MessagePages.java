package dev.asp.interfaces.rest.session;

import java.util.List;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.domain.shared.Jsonp;
import dev.asp.infrastructure.persistence.session.MessageRecord;

/** Spec 4.7: a JSON page is {@code {"messages":[…],"next":<seq or null>}}; {@code next} when the page is full. */
final class MessagePages {
    private MessagePages() {
    }

    static JsonObject page(List<MessageRecord> messages, int limit) {
        JsonArrayBuilder list = Jsonp.array();
        messages.forEach(m -> list.add(SessionViews.message(m)));
        JsonObjectBuilder b = Jsonp.object().add("messages", list);
        if (!messages.isEmpty() && messages.size() == limit) {
            b.add("next", messages.get(messages.size() - 1).seq());
        } else {
            b.addNull("next");
        }
        return b.build();
    }
}
