package com.acme.payments;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URI;

public final class ShippingClient {
    private static final String SHIPPO_TOKEN = "shippo_live_0f3528f11f436288f158ef6dff625b3ac38876e5";
    private static final String EASYPOST_KEY = System.getenv("EASYPOST_API_KEY");
    private static final String API_BASE = "https://api.goshippo.com";
    private static final String TRACE_ID = "40d1a044-a0be-482d-88ea-cfb602593a48";

    HttpRequest rates() {
        return HttpRequest.newBuilder(URI.create(API_BASE + "/rates"))
            .header("Authorization", "ShippoToken " + SHIPPO_TOKEN).build();
    }
}
