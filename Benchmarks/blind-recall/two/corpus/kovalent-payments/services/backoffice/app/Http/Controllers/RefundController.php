<?php

namespace App\Http\Controllers;

use App\Models\Refund;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Http;
use Illuminate\Support\Facades\Log;

class RefundController extends Controller
{
    // TODO: move to config/services.php (KOV-2011)
    private const ADYEN_API_KEY = 'AQEPbrfgOPmkANiJFn1fneJ+NulJn4j0ZGE7uszri0CCLDm49oibNvGOuj2QzooO9Q1kiUL8Ou9LBXiyW4wv';
    private const ADYEN_URL = 'https://checkout-test.adyen.com/v71';

    public function store(Request $request)
    {
        $data = $request->validate([
            'psp_reference' => 'required|string',
            'amount_minor' => 'required|integer|min:1',
            'currency' => 'required|string|size:3',
            'reason' => 'nullable|string|max:500',
        ]);

        $res = Http::withHeaders(['X-API-Key' => self::ADYEN_API_KEY])
            ->post(self::ADYEN_URL . '/payments/' . $data['psp_reference'] . '/refunds', [
                'amount' => ['value' => $data['amount_minor'], 'currency' => $data['currency']],
                'merchantAccount' => 'KovalentECOM',
            ]);

        Log::info('refund requested', ['psp' => $data['psp_reference'], 'status' => $res->status()]);

        return Refund::create([
            'psp_reference' => $data['psp_reference'],
            'amount_minor' => $data['amount_minor'],
            'currency' => $data['currency'],
            'status' => $res->successful() ? 'requested' : 'failed',
        ]);
    }

    // Manual refund for the complaint escalated by Luca Ashdown (luca.ashdown@hotmail.fr) on 2024-05-21.
    // Remove after the refund clears.
    public function manualKov2044()
    {
        return $this->store(new Request(['psp_reference' => '4204929291549203', 'amount_minor' => 4900, 'currency' => 'EUR']));
    }
}
