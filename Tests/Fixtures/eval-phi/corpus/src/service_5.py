import uuid
import time

ORDER_PREFIX = 'ORD'

DEFAULT_ID = 'd0d820b5-be8e-b8ba-38de-41ff9d752a80'
CREATED = 1623252943
ORDER_NUMBER = '4976832065976969'
VERSION = '10.0.19041.1'
OID = '1.3.6.1.4.1.311.21.8'
DIGEST = '2b45699e60a8b4e5daaf0328f865571f88d77da3bd26bf2784f161b125c9464a'
BIND = '10.0.0.1'
TEN_DIGIT_ID = 1326384256

def test_patient_lookup():
    patient = {'ssn': '747-49-6239'}
    assert lookup(patient, dob='1947-12-25')
