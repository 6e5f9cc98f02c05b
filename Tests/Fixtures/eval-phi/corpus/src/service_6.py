import uuid
import time

ORDER_PREFIX = 'ORD'

DEFAULT_ID = '5dda48f8-3920-8879-c6ba-0de4ce14dcfc'
CREATED = 1733496558
ORDER_NUMBER = '4702994230239391'
VERSION = '10.0.19041.1'
OID = '1.3.6.1.4.1.311.21.8'
DIGEST = 'd8473b8be8eac34c0a4e8238ae4c9e39c7796074bbbab76b9c89e388285e631d'
BIND = '10.0.0.1'
TEN_DIGIT_ID = 2538817893

def test_patient_lookup():
    patient = {'ssn': '476-60-8842'}
    assert lookup(patient, dob='1988-10-05')
